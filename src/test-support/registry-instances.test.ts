/**
 * The private registry instances really enforce their auth: htpasswd answers 401 to a wrong
 * password, the token registry accepts only tokens our issuer signed (and sends clients to
 * the issuer), and pushed images can be listed back through the catalog.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pushTinyImage, type RegistryInstance, startRegistryInstance } from './registry-instances.js';

describe('registry instances (real docker-registry)', () => {
  let basic: RegistryInstance;
  let token: RegistryInstance;
  before(async () => {
    [basic, token] = await Promise.all([
      startRegistryInstance({ auth: 'htpasswd' }),
      startRegistryInstance({ auth: 'token' }),
    ]);
  });
  after(async () => {
    await Promise.all([basic?.stop(), token?.stop()]);
  });

  it('htpasswd: right credentials list the catalog, wrong ones get 401', async () => {
    await pushTinyImage(basic, 'team/app', 'v1', [{ 'etc/hello': 'hi\n' }]);
    const ok = await fetch(`${basic.url}/v2/_catalog`, {
      headers: { authorization: (await basic.authorization()) ?? '' },
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { repositories: ['team/app'] });
    const bad = await fetch(`${basic.url}/v2/_catalog`, {
      headers: { authorization: `Basic ${Buffer.from('bulwark:wrong').toString('base64')}` },
    });
    assert.equal(bad.status, 401);
  });

  it('token: the challenge names our issuer; only its signed tokens open the registry', async () => {
    await pushTinyImage(token, 'lib/base', 'latest', [{ 'etc/base': 'b\n' }]);
    const anon = await fetch(`${token.url}/v2/_catalog`);
    assert.equal(anon.status, 401);
    assert.match(anon.headers.get('www-authenticate') ?? '', new RegExp(`realm="${token.issuer?.realm}"`));
    const good = await fetch(`${token.url}/v2/_catalog`, {
      headers: { authorization: (await token.authorization()) ?? '' },
    });
    assert.equal(good.status, 200);
    const forged = (await token.authorization())?.replace(/.{8}$/, 'AAAAAAAA');
    const bad = await fetch(`${token.url}/v2/_catalog`, { headers: { authorization: forged ?? '' } });
    assert.equal(bad.status, 401);
    const logged = await token.requests();
    assert.ok(logged.some((r) => r.uri === '/v2/_catalog' && r.status === 200));
  });
});
