/**
 * The server's own vulnerability database: the core advisory store file under the server's
 * data directory (`<data>/vulndb/vuln.db`, or `--vuln-db`). `db update`/`db import` replace
 * the file by rename, so the store is reopened when the file on disk is a new one.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { dbFileName } from '../../core/advisory/db-path.js';
import { AdvisoryStore } from '../../core/advisory/store.js';

export function serverVulnDbPath(dataDir: string): string {
  return join(dataDir, 'vulndb', dbFileName);
}

export class AdvisorySource {
  private store: AdvisoryStore | undefined;
  private identity = '';

  constructor(readonly path: string) {}

  /** The open store, or undefined when there is no database yet (nothing can be matched). */
  current(): AdvisoryStore | undefined {
    let identity: string;
    try {
      const st = statSync(this.path);
      identity = `${st.ino}:${st.mtimeMs}:${st.size}`;
    } catch {
      this.close();
      return undefined;
    }
    if (!this.store || identity !== this.identity) {
      this.close();
      this.store = AdvisoryStore.open(this.path);
      this.identity = identity;
    }
    return this.store;
  }

  close(): void {
    this.store?.close();
    this.store = undefined;
    this.identity = '';
  }
}
