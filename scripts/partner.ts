/**
 * Plays a partner shop's back office: signs one order event and sends it to
 * the webhook, printing the answer. Exit code 0 on 2xx, 1 on refusal or
 * network failure, 2 on bad usage.
 *
 *   npm run partner -- confirm|cancel|return <partnerId> <orderRef>
 *     [--buyer-email E | --member-number N] [--amount 12.34] [--currency EUR]
 *     [--reason "…"] [--cause shopper|partner|payment] [--event-id ID]
 *     [--server http://127.0.0.1:8787] [--secret S]
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
import { PartnerOrderEvent, SIGNATURE_HEADER } from '../utils/contract';
import { parseAmount } from '../utils/money';

const USAGE =
  'usage: npm run partner -- confirm|cancel|return <partnerId> <orderRef> [--buyer-email E | --member-number N] [--amount 12.34 --currency EUR] [--reason text] [--cause shopper|partner|payment] [--event-id id] [--server URL] [--secret S]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
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
    },
  });
  const [action, partnerId, orderRef] = positionals;
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

  const secret =
    values.secret ??
    process.env.PARTNER_SECRET ??
    (partnerId === 'demo-shop'
      ? (process.env.DEMO_PARTNER_SECRET ?? DEFAULT_SETTINGS.demoPartnerSecret)
      : `${partnerId}-dev-secret-0123456789`);
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
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signHeader(secret, raw) },
      body: raw,
    });
  } catch (err) {
    fail(`could not reach ${url.origin}: ${(err as Error).cause ?? (err as Error).message}`, 1);
  }
  const text = await res.text();
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {}
  console.log(`${action} ${partnerId} ${orderRef} → ${res.status}\n${pretty}`);
  process.exit(res.ok ? 0 : 1);
}

main();
