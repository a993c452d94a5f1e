import { BulwarkError } from '../errors.js';

/**
 * Turns a tar entry name into a clean image path (`etc/os-release`), or `''` for
 * the root itself. Builders spell names differently (`./etc/`, `etc/`, kaniko's `/`
 * for the root, ko's `/ko-app/…`); like the Engine, an absolute name is read from
 * the image root, and `..` inside a name is resolved lexically, so all of those
 * are harmless. Only a relative name that climbs above the root (`../x`, `a/../../x`,
 * or `..` itself, the root's parent) is refused: no image needs one, and honouring
 * them is how archive-extraction exploits work.
 */
export function normalizeEntryPath(name: string, layer: string): string {
  // Fast path for the common, already-clean `./usr/bin/ls` or `usr/bin/ls`.
  const trimmed = name.startsWith('./') ? name.slice(2) : name;
  if (
    trimmed !== '' &&
    trimmed !== '.' &&
    !trimmed.endsWith('/.') &&
    !trimmed.startsWith('/') &&
    !trimmed.endsWith('/') &&
    !trimmed.includes('..') &&
    !trimmed.includes('//') &&
    !trimmed.includes('/./') &&
    !trimmed.startsWith('./')
  ) {
    return trimmed;
  }
  // `/..` is `/`: the image root, like any filesystem root, is its own parent.
  const rooted = name.startsWith('/');
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0) parts.pop();
      else if (!rooted) {
        throw new BulwarkError('LAYER_UNSAFE_PATH', `layer ${layer}: entry "${name}" escapes the image root`);
      }
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

const whiteoutPrefix = '.wh.';
const opaqueMarker = '.wh..wh..opq';

export type WhiteoutKind = { kind: 'opaque'; dir: string } | { kind: 'whiteout'; path: string } | undefined;

/** Recognises the OCI/AUFS whiteout conventions in a normalised path. */
export function classifyWhiteout(path: string): WhiteoutKind {
  const base = basename(path);
  if (!base.startsWith(whiteoutPrefix)) return undefined;
  const dir = dirname(path);
  if (base === opaqueMarker) return { kind: 'opaque', dir };
  return { kind: 'whiteout', path: joinPath(dir, base.slice(whiteoutPrefix.length)) };
}
