/**
 * The OpenAPI document is generated from the route schemas; a copy is committed as
 * docs/api/openapi.json so API changes show up in review. `UPDATE_GOLDEN=1` rewrites it
 * (then `npx biome format --write docs/api/openapi.json`); the comparison is on the parsed
 * document, so formatting does not matter.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from '../test-support/test-databases.js';
import { buildApp } from './app.js';

const committed = fileURLToPath(new URL('../../docs/api/openapi.json', import.meta.url));

it('docs/api/openapi.json is the document the server serves', async () => {
  const t = await freshDatabase('sqlite');
  const app = await buildApp({ db: t.db, dialect: 'sqlite' });
  try {
    const res = await app.inject({ url: '/openapi.json' });
    const doc = res.json() as { info: { version: string }; paths: Record<string, unknown> };
    assert.ok(Object.keys(doc.paths).length >= 30);
    doc.info.version = '<blanked>';
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(committed, `${JSON.stringify(doc, null, 2)}\n`);
    assert.deepEqual(
      doc,
      JSON.parse(readFileSync(committed, 'utf8')),
      'docs/api/openapi.json is stale: rerun with UPDATE_GOLDEN=1',
    );
  } finally {
    await app.close();
    await t.dispose();
  }
});
