import type { LedgerEntry } from '@/utils/ledger';
import { type DayGroup, dayKey, daysBetween } from '@/utils/ledger/activity';
import { currencyExponent } from '@/utils/money';
import { expectedConfirmation } from '@/utils/partners';
import { entryText } from './entry-text';
import { formatLocalMoney, pointsText, t, uiLocale } from './i18n';
import { reportedReason } from './missing-purchase-text';
import { type ProgramLookup, programEntryTitle } from './program-text';
import { type SurveyLookup, surveyEntryTitle } from './survey-entry-title';

/**
 * What the activity needs to know of a partner, by id (the catalogue, in the
 * popup), and of the program (coupons, rewards, tier names, survey titles) for its titles.
 */
export interface PartnerLookup extends ProgramLookup, SurveyLookup {
  /** The partner's name, or the id when the catalogue no longer lists it. */
  name(id: string): string;
  /** Its usual confirmation window in days, when known. */
  confirmationDays(id: string): number | undefined;
}

/**
 * The points column: an estimate ("about 69 points") while a purchase waits,
 * the exact figure once settled; nothing for entries that move no points.
 */
function entryPoints(e: LedgerEntry): string | undefined {
  if (e.kind === 'activate' || e.kind === 'tier' || e.kind === 'badge') return undefined;
  if (e.kind === 'spend' && e.status !== 'confirmed') return undefined;
  if (e.kind === 'claim' && e.status === 'pending' && e.points > 0)
    return t('pointsAbout', pointsText(e.points));
  return pointsText(e.points);
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase(uiLocale()) + s.slice(1);

/** "Today" / "Yesterday" (in the UI language) for those two days, else undefined. */
export function relativeDay(at: number, now = Date.now()): string | undefined {
  const days = daysBetween(dayKey(at), dayKey(now));
  if (days !== 0 && days !== 1) return undefined;
  return capitalize(
    new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' }).format(-days, 'day'),
  );
}

/** "Tuesday, November 3" / "Dienstag, 3. November", with the year when it is not this year's. */
export function formatDay(at: number, now = Date.now()): string {
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(uiLocale(), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: sameYear ? undefined : 'numeric',
  }).format(at);
}

const formatTime = (at: number) =>
  new Intl.DateTimeFormat(uiLocale(), { timeStyle: 'short' }).format(at);
const formatDateTime = (at: number) =>
  new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(at);
export const formatDate = (at: number) =>
  new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium' }).format(at);

/** For a pending purchase: by when its partner usually confirms, or that it is late. */
function expectedText(e: LedgerEntry, partners: PartnerLookup, now: number): string | undefined {
  if (e.status !== 'pending' || e.kind !== 'claim' || !e.partnerId) return undefined;
  const days = partners.confirmationDays(e.partnerId);
  if (days === undefined) return undefined;
  const by = expectedConfirmation(e.createdAt, days);
  return t(by < now ? 'entryOverdue' : 'entryExpectedBy', formatDate(by));
}

/** One ledger entry: partner, points, when, order and amount, status and its reason. */
function EntryItem({
  e,
  partners,
  when,
}: {
  e: LedgerEntry;
  partners: PartnerLookup;
  when: 'time' | 'date-time';
}) {
  const text = entryText(e);
  const expected = expectedText(e, partners, Date.now());
  const detail = text.detail;
  const title = programEntryTitle(e, partners) ?? surveyEntryTitle(e, partners);
  const points = entryPoints(e);
  // The reason goes under the title unless it is the title already.
  const heading = title ?? (e.partnerId ? partners.name(e.partnerId) : text.reason);
  // A redemption's title says what it was; its reason line says where the code is.
  const reason =
    (e.partnerId ? reportedReason(e, partners.name(e.partnerId)) : undefined) ??
    (heading === text.reason
      ? ''
      : e.voucher && e.status === 'confirmed'
        ? t('reasonVoucherInWallet')
        : text.reason);
  const iso = new Date(e.createdAt).toISOString();
  return (
    <li
      key={e.id}
      class={`entry tone-${text.tone}`}
      data-testid="entry"
      data-status={e.status}
      data-tone={text.tone}
      data-at={e.createdAt}
    >
      <div class="row">
        <span class="partner">{heading}</span>
        {points !== undefined && (
          <span class="points" data-testid="entry-points">
            {points}
          </span>
        )}
      </div>
      <div class="row muted">
        <span class="entry-meta">
          <time dateTime={iso} data-testid="entry-time">
            {when === 'time' ? formatTime(e.createdAt) : formatDateTime(e.createdAt)}
          </time>
          {e.orderRef ? ` · ${t('orderRef', e.orderRef)}` : ''}
          {e.amount
            ? ` · ${formatLocalMoney(e.amount.minor, e.amount.currency, currencyExponent(e.amount.currency))}`
            : ''}
        </span>
        <span class={`status status-${e.status} tone-${text.tone}`}>{text.status}</span>
      </div>
      <div class="reason muted">
        {reason}
        {reason && detail ? ': ' : ''}
        {detail ? <q>{detail}</q> : ''}
      </div>
      {expected && (
        <div class="reason muted" data-testid="entry-expected">
          {expected}
        </div>
      )}
    </li>
  );
}

/** The latest few entries (home view), each with its date and time. */
export function ActivityList({
  entries,
  partners,
}: {
  entries: LedgerEntry[] | undefined;
  partners: PartnerLookup;
}) {
  if (entries && entries.length === 0) return <p class="muted">{t('noActivity')}</p>;
  return (
    <ul class="activity">
      {entries?.map((e) => (
        <EntryItem key={e.id} e={e} partners={partners} when="date-time" />
      ))}
    </ul>
  );
}

/** Entries under one heading per day, newest day first. */
export function DayGroups({
  groups,
  partners,
}: {
  groups: DayGroup<LedgerEntry>[];
  partners: PartnerLookup;
}) {
  const now = Date.now();
  return (
    <div class="days">
      {groups.map((g) => {
        const id = `day-${g.day}-${g.at}`;
        const rel = relativeDay(g.at, now);
        return (
          <section key={id} class="day" aria-labelledby={id} data-testid="day" data-day={g.day}>
            <h3 id={id} class="day-title" data-testid="day-title">
              {rel ? (
                <>
                  {rel} <span class="muted">{formatDay(g.at, now)}</span>
                </>
              ) : (
                formatDay(g.at, now)
              )}
            </h3>
            <ul class="activity">
              {g.items.map((e) => (
                <EntryItem key={e.id} e={e} partners={partners} when="time" />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
