/**
 * Plays a partner shop's back office: signs one order event and sends it to
 * the webhook, printing the answer, or reads the feed of purchases members
 * reported as missing. Exit code 0 on 2xx, 1 on refusal or network failure,
 * 2 on bad usage.
 *
 *   npm run partner -- confirm|cancel|return <partnerId> <orderRef>
 *     [--buyer-email E | --member-number N] [--amount 12.34] [--currency EUR]
 *     [--reason "…"] [--cause shopper|partner|payment] [--event-id ID]
 *     [--server http://127.0.0.1:8787] [--secret S]
 *   npm run partner -- feed <partnerId> [--json] [--server URL] [--secret S]
 *
 * `feed` reads the partner's signed feed of missing-purchase reports
 * (GET /v1/partners/{id}/reported-claims, signed over "<t>.GET <path>") and
 * prints one line per report, oldest first (`--json`: the answer as sent);
 * each is then answered with confirm or cancel on its order reference.
 *
 * A confirmation names its buyer, as a partner's shop system would: the
 * email the buyer gave at checkout (sent only as an HMAC keyed with the
 * partner's secret) or the member number collected at checkout. The points
 * go to the member it names, whoever claimed the order first.
 *
 * The secret defaults to PARTNER_SECRET, then (for demo-shop)
 * DEMO_PARTNER_SECRET, then the seeded development secret.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buyerEmailHmac } from '../server/services/buyer-proof';
import { signHeader } from '../server/services/signature';
import { DEFAULT_SETTINGS } from '../server/settings';
import {
  feedSigningText,
  PartnerOrderEvent,
  ReportedClaimFeed,
  SIGNATURE_HEADER,
} from '../utils/contract';
import { formatMoney, parseAmount } from '../utils/money';

const USAGE = [
  'usage: npm run partner -- confirm|cancel|return <partnerId> <orderRef> [--buyer-email E | --member-number N] [--amount 12.34 --currency EUR] [--reason text] [--cause shopper|partner|payment] [--event-id id] [--server URL] [--secret S]',
  '       npm run partner -- feed <partnerId> [--json] [--server URL] [--secret S]',
].join('\n');

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function secretFor(partnerId: string, given: string | undefined): string {
  return (
    given ??
    process.env.PARTNER_SECRET ??
    (partnerId === 'demo-shop'
      ? (process.env.DEMO_PARTNER_SECRET ?? DEFAULT_SETTINGS.demoPartnerSecret)
      : `${partnerId}-dev-secret-0123456789`)
  );
}

async function request(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    fail(`could not reach ${url.origin}: ${(err as Error).cause ?? (err as Error).message}`, 1);
  }
}

// Order references come from members: control and format characters (terminal
// escapes, bidi overrides) are shown as \u{…}, never sent to the terminal.
const shown = (s: string) =>
  s.replace(/[\p{Cc}\p{Cf}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);

async function feed(partnerId: string, server: string, secret: string, raw: boolean) {
  const url = new URL(`/v1/partners/${encodeURIComponent(partnerId)}/reported-claims`, server);
  const res = await request(url, {
    headers: { [SIGNATURE_HEADER]: signHeader(secret, feedSigningText(url.pathname)) },
  });
  const text = await res.text();
  if (!res.ok) fail(`feed ${partnerId} → ${res.status}\n${text}`, 1);
  if (raw) {
    console.log(text);
    return;
  }
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {}
  const parsed = ReportedClaimFeed.safeParse(body);
  if (!parsed.success) fail(`feed ${partnerId}: unexpected answer\n${text}`, 1);
  const { claims } = parsed.data;
  if (claims.length === 0) {
    console.log(`${partnerId}: no reported purchases waiting`);
    return;
  }
  console.log(`${partnerId}: ${claims.length} reported purchase(s) waiting, oldest first`);
  for (const c of claims) {
    const others =
      c.claims > 1 ? `  (claimed by ${c.claims} members: the buyer proof decides)` : '';
    console.log(
      `${shown(c.orderRef)}  ${formatMoney(c.amount)}  bought ${c.purchasedOn}  reported ${c.reportedAt}${others}`,
    );
  }
  console.log(
    `answer each: npm run partner -- confirm ${partnerId} <orderRef> --buyer-email E | cancel ${partnerId} <orderRef> --reason text`,
  );
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      amount: { type: 'string' },
      currency: { type: 'string', default: 'EUR' },
      reason: { type: 'string' },
      cause: { type: 'string' },
      'buyer-email': { type: 'string' },
      'member-number': { type: 'string' },
      'event-id': { type: 'string' },
      server: { type: 'string', default: process.env.POINTPILOT_SERVER ?? 'http://127.0.0.1:8787' },
      secret: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [action, partnerId, orderRef] = positionals;
  if (action === 'feed') {
    if (!partnerId || positionals.length > 2) fail(USAGE);
    return feed(partnerId, values.server, secretFor(partnerId, values.secret), values.json);
  }
  if (!action || !partnerId || !orderRef || positionals.length > 3) fail(USAGE);
  if (!['confirm', 'cancel', 'return'].includes(action))
    fail(`unknown action "${action}"\n${USAGE}`);
  let amount: { minor: number; currency: string } | undefined;
  if (values.amount) {
    // The same parser the detectors use: "12.34", "12,34", "1.234,56" …
    const parsed = parseAmount(values.amount, { currency: values.currency });
    if (!parsed.ok || parsed.money.currency !== values.currency) {
      fail(
        `amount "${values.amount}" is not a ${values.currency} amount${parsed.ok ? '' : ` (${parsed.reason})`}`,
      );
    }
    amount = parsed.money;
  }
  if (action === 'return' && !amount) fail('return needs --amount');
  const buyerEmail = values['buyer-email'];
  const memberNumber = values['member-number'];
  if (action === 'confirm' && !buyerEmail && !memberNumber) {
    fail('confirm needs the buyer: --buyer-email (as given at checkout) or --member-number');
  }

  const secret = secretFor(partnerId, values.secret);
  const event = PartnerOrderEvent.safeParse({
    event: action,
    eventId: values['event-id'] ?? randomUUID(),
    orderRef,
    ...(amount && action !== 'cancel' ? { amount } : {}),
    ...(values.reason && action === 'cancel' ? { reason: values.reason } : {}),
    ...(values.cause && action === 'cancel' ? { cause: values.cause } : {}),
    ...(action === 'confirm'
      ? {
          buyer: {
            ...(buyerEmail ? { emailHmac: buyerEmailHmac(secret, buyerEmail) } : {}),
            ...(memberNumber ? { memberNumber } : {}),
          },
        }
      : {}),
  });
  if (!event.success) fail(`invalid event: ${event.error.issues.map((i) => i.message).join('; ')}`);

  const raw = JSON.stringify(event.data);
  const url = new URL(`/v1/partners/${encodeURIComponent(partnerId)}/orders`, values.server);
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signHeader(secret, raw) },
    body: raw,
  });
  const text = await res.text();
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {}
  console.log(`${action} ${partnerId} ${orderRef} → ${res.status}\n${pretty}`);
  process.exit(res.ok ? 0 : 1);
}

main();
