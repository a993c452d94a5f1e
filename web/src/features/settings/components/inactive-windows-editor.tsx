/**
 * Editor of the sensors' inactive windows: days of the week, start and end (local time of
 * the window's own time zone). A window whose end is before its start runs over midnight.
 */
import { useId } from 'react';
import type { InactiveWindow } from '../api/sensor-config';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function timeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

const ZONES = timeZones();

export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function InactiveWindowsEditor({
  windows,
  onChange,
}: {
  windows: InactiveWindow[];
  onChange: (windows: InactiveWindow[]) => void;
}) {
  const base = useId();
  const update = (i: number, patch: Partial<InactiveWindow>) =>
    onChange(windows.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <div className="inactive-windows">
      {windows.length === 0 && <p className="muted">No inactive window: sensors always scan.</p>}
      {windows.map((w, i) => {
        const zones = ZONES.includes(w.timeZone) ? ZONES : [w.timeZone, ...ZONES];
        const days = w.days ?? [0, 1, 2, 3, 4, 5, 6];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: windows have no id; their position is their identity
          <fieldset key={i} className="inactive-window">
            <legend>Inactive window {i + 1}</legend>
            <fieldset className="day-checks">
              <legend className="sr-only">Days of window {i + 1}</legend>
              {DAYS.map((d, n) => (
                <label key={d}>
                  <input
                    type="checkbox"
                    checked={days.includes(n)}
                    onChange={(e) => {
                      const next = e.target.checked ? [...days, n].sort() : days.filter((x) => x !== n);
                      update(i, next.length === 7 ? { days: undefined } : { days: next });
                    }}
                  />{' '}
                  {d}
                </label>
              ))}
            </fieldset>
            <label>
              Start{' '}
              <input
                type="time"
                required
                value={w.start}
                onChange={(e) => update(i, { start: e.target.value })}
              />
            </label>
            <label>
              End{' '}
              <input
                type="time"
                required
                value={w.end}
                onChange={(e) => update(i, { end: e.target.value })}
              />
            </label>
            <div className="field">
              <label htmlFor={`${base}-tz-${i}`}>Time zone</label>
              <select
                id={`${base}-tz-${i}`}
                value={w.timeZone}
                onChange={(e) => update(i, { timeZone: e.target.value })}
              >
                {zones.map((z) => (
                  <option key={z}>{z}</option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="danger"
              aria-label={`Remove inactive window ${i + 1}`}
              onClick={() => onChange(windows.filter((_, j) => j !== i))}
            >
              Remove
            </button>
            {days.length === 0 && <p role="alert">Pick at least one day.</p>}
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() => onChange([...windows, { start: '22:00', end: '06:00', timeZone: localZone() }])}
      >
        Add inactive window
      </button>
    </div>
  );
}
