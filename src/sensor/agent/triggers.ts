/**
 * What a Docker event means to a General sensor, as the reference lists it: which events
 * are reported, which also start a scan, and which are ignored. A plain table, so the
 * rules can be read (and tested) in one place.
 */
export type Reaction =
  /** Report the event and scan the image. */
  | { report: true; scan: 'image' }
  /** Report the event and scan the container once it is running. */
  | { report: true; scan: 'container' }
  /** Report (state change, alias, removal), never scan. */
  | { report: true; scan: 'none' }
  | { report: false; scan: 'none' };

const IMAGE: Record<string, Reaction> = {
  load: { report: true, scan: 'image' },
  pull: { report: true, scan: 'image' },
  import: { report: true, scan: 'image' },
  // An alias of an already scanned image: reported, not rescanned.
  tag: { report: true, scan: 'none' },
  untag: { report: true, scan: 'none' },
  delete: { report: true, scan: 'none' },
  push: { report: true, scan: 'none' },
  // Not reported: every scan through the Engine API is itself a `save`.
  save: { report: false, scan: 'none' },
};

const CONTAINER: Record<string, Reaction> = {
  create: { report: true, scan: 'container' },
  start: { report: true, scan: 'container' },
  unpause: { report: true, scan: 'container' },
  restart: { report: true, scan: 'none' },
  stop: { report: true, scan: 'none' },
  kill: { report: true, scan: 'none' },
  die: { report: true, scan: 'none' },
  pause: { report: true, scan: 'none' },
  exec_create: { report: true, scan: 'none' },
  exec_start: { report: true, scan: 'none' },
  exec_die: { report: true, scan: 'none' },
  destroy: { report: true, scan: 'none' },
  commit: { report: true, scan: 'none' },
  rename: { report: true, scan: 'none' },
  oom: { report: true, scan: 'none' },
};

const IGNORE: Reaction = { report: false, scan: 'none' };

/** Docker sends `exec_start: sh -c …`; the action is the part before the colon. */
export function baseAction(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? action : action.slice(0, colon);
}

export function reactionTo(type: string, action: string): Reaction {
  const a = baseAction(action);
  if (type === 'image') return IMAGE[a] ?? IGNORE;
  if (type === 'container') return CONTAINER[a] ?? IGNORE;
  return IGNORE;
}
