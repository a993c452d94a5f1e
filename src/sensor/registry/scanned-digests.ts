/**
 * What this registry sensor already uploaded, in `Storage/registry/scanned.json`: for each
 * registry, repository, tag and manifest digest, the image id and the analyzers that made
 * the SBOM. A tag whose HEAD answers the digest found here is not pulled again (its SBOM is
 * on the server, which re-matches it when advisories change). The tag is part of the key so
 * a new tag of a known digest is still uploaded (the server learns the alias; its layers
 * and config come from the cache). A change of analyzers makes every entry stale, since
 * the SBOM would now say more. A lost or unreadable file only costs a re-scan.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../../core/json-guards.js';

interface Entry {
  imageId: string;
  analyzers: string;
  at: number;
}

/** Entries past this many are dropped oldest first: a bound, not a policy. */
const MAX_ENTRIES = 100_000;

export class ScannedDigests {
  private readonly path: string;
  private entries: Record<string, Entry> = {};

  constructor(
    storage: string,
    /** Identifies the analyzers (names, versions, caps) that made an SBOM. */
    private readonly analyzers: string,
  ) {
    const dir = join(storage, 'registry');
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, 'scanned.json');
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      if (isRecord(parsed)) this.entries = parsed as Record<string, Entry>;
    } catch {
      this.entries = {};
    }
  }

  /** The image id of an SBOM already uploaded for this manifest, made by today's analyzers. */
  uploaded(image: ScannedImage): string | undefined {
    const e = this.entries[key(image)];
    return e && typeof e.imageId === 'string' && e.analyzers === this.analyzers ? e.imageId : undefined;
  }

  record(image: ScannedImage, imageId: string): void {
    this.entries[key(image)] = {
      imageId,
      analyzers: this.analyzers,
      at: Date.now(),
    };
    const keys = Object.keys(this.entries);
    if (keys.length > MAX_ENTRIES) {
      keys.sort((a, b) => (this.entries[a]?.at ?? 0) - (this.entries[b]?.at ?? 0));
      for (const k of keys.slice(0, keys.length - MAX_ENTRIES)) delete this.entries[k];
    }
    writeFileSync(`${this.path}.tmp`, JSON.stringify(this.entries));
    renameSync(`${this.path}.tmp`, this.path);
  }
}

/** One image of a registry as a job names it, with the manifest digest it resolved to. */
export interface ScannedImage {
  registryUuid: string;
  repository: string;
  tag: string | undefined;
  digest: string;
}

const key = (i: ScannedImage) => `${i.registryUuid}|${i.repository}|${i.tag ?? ''}|${i.digest}`;
