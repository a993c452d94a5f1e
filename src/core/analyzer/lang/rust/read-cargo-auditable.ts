import { inflateSync } from 'node:zlib';
import { findSection, isElf, parseElf, sectionBytes } from '../../binary/elf.js';
import type { AnalysisResult, FoundPackage } from '../../types.js';

/**
 * Reads the dependency list cargo-auditable embeds in Rust binaries: the `.dep-v0`
 * linker section holds zlib-compressed JSON, shaped as the rustsec.org
 * `cargo-auditable.json` schema describes:
 * `{"packages":[{"name","version","source","kind"?,"dependencies"?,"root"?}]}`
 * with `source` one of `crates.io`, `git`, `local`, `registry` (or a future string)
 * and `kind` `runtime` (the default) or `build`.
 *
 * Every entry is reported, the root crate and local crates included: they are what
 * the binary is made of. `kind: build` crates (build scripts, proc macros) ran at
 * build time only, but they shaped the output (code generation), so they are reported
 * as ordinary, not dev, dependencies.
 */

/** Real audit data is a few KiB; this bounds a zlib bomb in a hostile binary. */
export const maxAuditJsonSize = 8 * 1024 * 1024;

export function readCargoAuditable(buf: Buffer, path: string): AnalysisResult {
  if (!isElf(buf)) return {};
  const parsed = parseElf(buf);
  if (!parsed.ok) return { unknowns: [{ path, reason: parsed.reason }] };
  const section = findSection(parsed.elf, '.dep-v0');
  if (!section) return {};
  const bytes = sectionBytes(buf, section);
  if (!bytes.ok) return { unknowns: [{ path, reason: bytes.reason }] };

  let json: unknown;
  try {
    json = JSON.parse(inflateSync(bytes.data, { maxOutputLength: maxAuditJsonSize }).toString('utf8'));
  } catch (err) {
    const reason =
      err instanceof RangeError ? `larger than ${maxAuditJsonSize} bytes` : (err as Error).message;
    return { unknowns: [{ path, reason: `unreadable .dep-v0 audit data: ${reason}` }] };
  }
  const list = (json as { packages?: unknown } | null)?.packages;
  if (!Array.isArray(list))
    return { unknowns: [{ path, reason: '.dep-v0 audit data has no packages array' }] };

  const packages: FoundPackage[] = [];
  let malformed = 0;
  for (const entry of list as unknown[]) {
    const { name, version } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || typeof version !== 'string' || !name || !version) {
      malformed++;
      continue;
    }
    packages.push({ type: 'cargo', name, version, path });
  }
  const unknowns = malformed
    ? [{ path, reason: `${malformed} .dep-v0 entries without name or version` }]
    : [];
  return { packages, unknowns };
}
