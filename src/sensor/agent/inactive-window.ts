/**
 * Inactive windows from the server-managed configuration: inside one, the sensor scans
 * nothing and generates no data; work found meanwhile waits until the window ends. A
 * window is read in its own time zone; `end` before `start` spans midnight, and then the
 * day list names the day the window starts.
 */
import type { InactiveWindow } from '../client/sensor-client.js';

const DAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function localClock(at: Date, timeZone: string): { day: number; minutes: number } | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return { day: DAY[get('weekday')] ?? 0, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
  } catch {
    return undefined;
  }
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function insideWindow(w: InactiveWindow, at: Date): boolean {
  const clock = localClock(at, w.timeZone);
  // A zone the runtime does not know cannot be honoured; never silently stop working.
  if (!clock) return false;
  const start = toMinutes(w.start);
  const end = toMinutes(w.end);
  const dayOk = (d: number) => !w.days || w.days.length === 0 || w.days.includes(d);
  if (start === end) return dayOk(clock.day);
  if (start < end) return dayOk(clock.day) && clock.minutes >= start && clock.minutes < end;
  // Spans midnight: the evening part belongs to today, the morning part to yesterday's window.
  if (clock.minutes >= start) return dayOk(clock.day);
  return clock.minutes < end && dayOk((clock.day + 6) % 7);
}

export function inInactiveWindow(windows: readonly InactiveWindow[], at: Date = new Date()): boolean {
  return windows.some((w) => insideWindow(w, at));
}
