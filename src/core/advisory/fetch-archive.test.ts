import assert from 'node:assert/strict';
import type { LookupFunction } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Agent } from 'undici';
import { tempDir } from '../../test-support/advisory-test-helpers.js';
import { isBulwarkError } from '../errors.js';
import { fetchArchive } from './fetch-archive.js';

describe('fetchArchive when a host name does not resolve (simulated resolver, no network in tests)', () => {
  for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
    it(`${code}: fails at once with a clear line, no retries`, async () => {
      let lookups = 0;
      // The real undici connection path, with the resolver answering as an offline host does.
      const lookup = ((hostname: string, _options: unknown, callback: (err: Error) => void) => {
        lookups++;
        callback(Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname }));
      }) as unknown as LookupFunction;
      const dispatcher = new Agent({ connect: { lookup } });
      try {
        await assert.rejects(
          fetchArchive({
            url: 'https://osv-mirror.example.invalid/Go/all.zip',
            destination: join(tempDir(), 'all.zip'),
            dispatcher,
            timeoutMs: 5000,
            retries: 4,
            backoffMs: 60_000,
          }),
          (err) =>
            isBulwarkError(err, 'ADVISORY_SOURCE') &&
            err.message.includes(`the host name osv-mirror.example.invalid does not resolve (${code})`) &&
            err.message.includes('bulwark db import'),
        );
        assert.equal(lookups, 1, 'no retry for a name that does not resolve');
      } finally {
        await dispatcher.close();
      }
    });
  }
});
