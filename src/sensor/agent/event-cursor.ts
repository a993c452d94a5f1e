/**
 * Where the Docker event stream stopped. A reconnect (daemon restart, broken connection)
 * asks the Engine to replay from there (`since`): events the new daemon emitted before we
 * were back are not lost. The replay starts a little before the last event, so whatever
 * the stream already delivered is recognised (time, type, action, actor) and dropped: no
 * event is reported twice.
 */
import type { EngineEvent } from './docker-assets.js';

/** How far before the last event a replay starts: timeNano comes through JSON as a double. */
const SLACK_NS = 1_000_000;
/** Remembered events, enough for a burst of events within the slack. */
const MAX_SEEN = 512;

const keyOf = (e: EngineEvent) => `${e.timeNano ?? e.time}|${e.Type}|${e.Action}|${e.Actor?.ID ?? ''}`;
const nanoOf = (e: EngineEvent) => e.timeNano ?? (e.time ?? 0) * 1e9;

export class EventCursor {
  private lastNano = 0;
  /** Where the latest replay starts; older events are from before it. Zero until a reconnect. */
  private floorNano = 0;
  private readonly seen: string[] = [];

  /** The `since` argument for the next subscription (unix seconds, microsecond-exact), or none before any event. */
  since(): number | undefined {
    if (this.lastNano === 0) return undefined;
    this.floorNano = Math.max(0, this.lastNano - SLACK_NS);
    return this.floorNano / 1e9;
  }

  /**
   * Records the event; false when this very event was already delivered. A live stream is
   * not strictly ordered by time (the Engine stamps events before it publishes them, and a
   * busy daemon publishes them late), so time only rules out events older than a replay.
   */
  accept(e: EngineEvent): boolean {
    const nano = nanoOf(e);
    const key = keyOf(e);
    if (nano < this.floorNano || this.seen.includes(key)) return false;
    this.seen.push(key);
    if (this.seen.length > MAX_SEEN) this.seen.shift();
    this.lastNano = Math.max(this.lastNano, nano);
    return true;
  }
}
