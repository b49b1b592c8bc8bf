import {
  DAILY_CAP_MAX,
  DEFAULT_NOTIFY_PREFS,
  type NotifyEventType,
  readNotifyPrefs,
} from '@/utils/notify/prefs';
import { STORAGE_KEYS } from '@/utils/storage-keys';
import { userTimeZone } from '@/utils/time/zone';
import { type MessageKey, t } from './i18n';
import { useStored } from './use-stored';

const KEY = STORAGE_KEYS.notifyPrefs;

/** The per-event switches, in the order a shopper cares about them. */
const EVENTS: [NotifyEventType, MessageKey][] = [
  ['confirmed', 'notifyEventConfirmed'],
  ['expiring', 'notifyEventExpiring'],
  ['recorded', 'notifyEventRecorded'],
];

/**
 * The notification settings, self-contained: reads and writes its prefs in
 * storage.local (the background reads them before each notification), and
 * follows a change made in another tab. Every change is saved at once.
 */
export function NotificationSettings() {
  const { value: prefs, save, saved } = useStored(KEY, readNotifyPrefs);

  const p = prefs ?? DEFAULT_NOTIFY_PREFS;
  const off = !prefs || !p.enabled;
  const quiet = p.quietHours;
  return (
    <section
      class="card stack"
      aria-labelledby="notify-title"
      data-testid="notification-settings"
      aria-busy={!prefs}
    >
      <h2 id="notify-title">{t('notifySettingsTitle')}</h2>
      <label>
        <input
          type="checkbox"
          name="notify-enabled"
          checked={p.enabled}
          disabled={!prefs}
          aria-describedby="notify-all-hint"
          onChange={(e) => save({ ...p, enabled: e.currentTarget.checked })}
        />
        {t('notifyAllLabel')}
      </label>
      <p id="notify-all-hint" class="muted">
        {t('notifyAllHint')}
      </p>
      <fieldset class="stack" disabled={off}>
        <legend>{t('notifyEventsLegend')}</legend>
        {EVENTS.map(([type, label]) => (
          <label key={type}>
            <input
              type="checkbox"
              name={`notify-${type}`}
              checked={p.events[type]}
              onChange={(e) =>
                save({ ...p, events: { ...p.events, [type]: e.currentTarget.checked } })
              }
            />
            {t(label)}
          </label>
        ))}
      </fieldset>
      <fieldset class="stack" disabled={off}>
        <label>
          {t('notifyDailyCapLabel')}
          <input
            type="number"
            name="notify-cap"
            min={1}
            max={DAILY_CAP_MAX}
            step={1}
            value={p.dailyCap}
            onChange={(e) => {
              const n = e.currentTarget.valueAsNumber;
              // Out of range or empty: keep the saved figure (the field shows it again).
              if (Number.isInteger(n) && n >= 1 && n <= DAILY_CAP_MAX) save({ ...p, dailyCap: n });
              else e.currentTarget.value = String(p.dailyCap);
            }}
          />
        </label>
        <label>
          <input
            type="checkbox"
            name="notify-quiet"
            checked={quiet.enabled}
            aria-describedby="notify-quiet-hint"
            onChange={(e) =>
              save({ ...p, quietHours: { ...quiet, enabled: e.currentTarget.checked } })
            }
          />
          {t('notifyQuietLabel')}
        </label>
        <TimeField
          name="notify-quiet-from"
          label={t('notifyQuietFrom')}
          value={quiet.from}
          disabled={!quiet.enabled}
          onSave={(from) => save({ ...p, quietHours: { ...quiet, from } })}
        />
        <TimeField
          name="notify-quiet-to"
          label={t('notifyQuietTo')}
          value={quiet.to}
          disabled={!quiet.enabled}
          onSave={(to) => save({ ...p, quietHours: { ...quiet, to } })}
        />
        <p id="notify-quiet-hint" class="muted">
          {quiet.enabled && quiet.from === quiet.to
            ? t('notifyQuietSame')
            : t('notifyQuietHint', userTimeZone())}
        </p>
      </fieldset>
      <p role="status" class="muted" data-testid="notify-saved">
        {saved ? t('saved') : ''}
      </p>
    </section>
  );
}

function TimeField(props: {
  name: string;
  label: string;
  value: string;
  disabled: boolean;
  onSave: (hhmm: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        type="time"
        name={props.name}
        value={props.value}
        disabled={props.disabled}
        required
        onChange={(e) => {
          // Some browsers give seconds ("22:00:00"); an emptied field keeps the saved time.
          const v = e.currentTarget.value.slice(0, 5);
          if (/^\d\d:\d\d$/.test(v)) props.onSave(v);
          else e.currentTarget.value = props.value;
        }}
      />
    </label>
  );
}
