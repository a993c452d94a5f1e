/**
 * What the sensor has scanned, kept in `Storage/scan-state.json` (written atomically).
 * An asset is marked scanned only after its SBOM sits in the durable upload queue, so a
 * sensor killed mid-scan finds the asset unscanned on restart and scans it again.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../../core/json-guards.js';

export interface ScanState {
  images: Record<string, { scannedAt: number }>;
  containers: Record<string, { scannedAt: number; imageId: string }>;
}

export class ScanStateFile {
  readonly path: string;
  state: ScanState;

  constructor(storage: string) {
    this.path = join(storage, 'scan-state.json');
    this.state = { images: {}, containers: {} };
    if (existsSync(this.path)) {
      try {
        const v: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
        // Another shape (null, a list, a string where a map belongs) would throw on the first mark.
        if (isRecord(v))
          this.state = {
            images: isRecord(v.images) ? (v.images as ScanState['images']) : {},
            containers: isRecord(v.containers) ? (v.containers as ScanState['containers']) : {},
          };
      } catch {
        // A broken state file only costs rescans; never a crash.
      }
    }
  }

  markImage(id: string, at = Date.now()): void {
    this.state.images[id] = { scannedAt: at };
    this.save();
  }

  markContainer(id: string, imageId: string, at = Date.now()): void {
    this.state.containers[id] = { scannedAt: at, imageId };
    this.save();
  }

  forgetContainer(id: string): void {
    delete this.state.containers[id];
    this.save();
  }

  private save(): void {
    writeFileSync(`${this.path}.tmp`, JSON.stringify(this.state));
    renameSync(`${this.path}.tmp`, this.path);
  }
}
