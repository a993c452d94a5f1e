import { readFile } from 'node:fs/promises';
import { BulwarkError } from '../core/errors.js';
import type { Sbom } from '../core/sbom/model.js';
import { detectLocalPath, type LocalInput } from '../core/source/local-path.js';
import { parseImageRef } from '../core/source/sources.js';

/** What a command was asked to read: an image (any source) or an SBOM file. */
export type Target = { kind: 'image'; ref: string } | { kind: 'sbom'; path: string };

/**
 * REF or `--input FILE` (Trivy's spelling), exactly one of them. A bare REF that is
 * a file or directory on disk is recognised by its content, so it never reaches
 * the daemon or a registry.
 */
export async function resolveTarget(ref: string | undefined, input: string | undefined): Promise<Target> {
  if (ref !== undefined && input !== undefined)
    throw new BulwarkError('USAGE', `give either REF ("${ref}") or --input, not both`);
  if (input !== undefined) {
    const local: LocalInput | undefined = await detectLocalPath(input, { strict: true });
    if (!local) throw new BulwarkError('IMAGE_NOT_FOUND', `--input ${input}: no such file or directory`);
    return local.kind === 'sbom' ? local : { kind: 'image', ref: local.ref };
  }
  if (ref === undefined) throw new BulwarkError('USAGE', 'missing image reference: give REF or --input FILE');
  if (parseImageRef(ref).source) return { kind: 'image', ref };
  const local = await detectLocalPath(ref);
  if (local?.kind === 'sbom') return local;
  return { kind: 'image', ref: local?.ref ?? ref };
}

export async function readSbomFile(path: string): Promise<Sbom> {
  const text = await readFile(path, 'utf8').catch((err: unknown) => {
    throw new BulwarkError('IO', `${path}: cannot read (${(err as Error).message})`, { cause: err });
  });
  const { decodeSbom } = await import('../core/sbom/format/decode.js');
  return decodeSbom(text, path);
}
