import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBulwarkError } from '../../errors.js';
import { familiarName, formatReference, type ImageReference, parseReference } from './parse-reference.js';

const D = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

// Expectations follow Docker's own normalisation (`docker pull X` / distribution's reference package).
const valid: [string, ImageReference, string][] = [
  [
    'alpine',
    { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine', tag: 'latest' },
    'alpine',
  ],
  [
    'alpine:3.20',
    { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine', tag: '3.20' },
    'alpine',
  ],
  [
    'library/alpine:3.20',
    { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine', tag: '3.20' },
    'alpine',
  ],
  [
    'docker.io/library/alpine:3.20',
    { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine', tag: '3.20' },
    'alpine',
  ],
  [
    'index.docker.io/library/alpine',
    { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine', tag: 'latest' },
    'alpine',
  ],
  [
    'docker.io/alpine',
    { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine', tag: 'latest' },
    'alpine',
  ],
  [
    'bitnami/redis:7.2',
    { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'bitnami/redis', tag: '7.2' },
    'bitnami/redis',
  ],
  [
    `alpine@${D}`,
    { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine', digest: D },
    'alpine',
  ],
  [
    `alpine:3.20@${D}`,
    {
      registry: 'docker.io',
      apiHost: 'registry-1.docker.io',
      repository: 'library/alpine',
      tag: '3.20',
      digest: D,
    },
    'alpine',
  ],
  [
    '127.0.0.1:5055/debian:bookworm',
    { registry: '127.0.0.1:5055', apiHost: '127.0.0.1:5055', repository: 'debian', tag: 'bookworm' },
    '127.0.0.1:5055/debian',
  ],
  [
    'localhost/app',
    { registry: 'localhost', apiHost: 'localhost', repository: 'app', tag: 'latest' },
    'localhost/app',
  ],
  [
    'localhost:5000/a/b/c:v1.2.3-rc_1',
    { registry: 'localhost:5000', apiHost: 'localhost:5000', repository: 'a/b/c', tag: 'v1.2.3-rc_1' },
    'localhost:5000/a/b/c',
  ],
  [
    'ghcr.io/org/app.name__x-y',
    { registry: 'ghcr.io', apiHost: 'ghcr.io', repository: 'org/app.name__x-y', tag: 'latest' },
    'ghcr.io/org/app.name__x-y',
  ],
  [
    '[::1]:5000/app:1',
    { registry: '[::1]:5000', apiHost: '[::1]:5000', repository: 'app', tag: '1' },
    '[::1]:5000/app',
  ],
  [
    'Registry.Example/app',
    { registry: 'Registry.Example', apiHost: 'Registry.Example', repository: 'app', tag: 'latest' },
    'Registry.Example/app',
  ],
  // One component with a colon is repo:tag, as in Docker.
  [
    'localhost:5000',
    { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/localhost', tag: '5000' },
    'localhost',
  ],
];

const invalid: [string, RegExp][] = [
  ['', /empty/],
  ['Alpine', /lowercase/],
  ['alpine:', /not a valid tag/],
  ['alpine:-x', /not a valid tag/],
  ['alpine@sha256:abc', /not a sha256 digest/],
  [`alpine@md5:${'a'.repeat(32)}`, /not a sha256 digest/],
  ['ghcr.io/', /no repository name/],
  ['a//b', /path component/],
  ['a/b_/c', /path component/],
  ['-bad.example/app', /registry host/],
  [`x/${'a'.repeat(260)}`, /255/],
];

describe('parseReference', () => {
  for (const [input, expected, familiar] of valid) {
    it(`parses ${input}`, () => {
      const ref = parseReference(input);
      assert.deepEqual(ref, expected);
      assert.equal(familiarName(ref), familiar);
      // The normal form parses back to the same reference.
      assert.deepEqual(parseReference(formatReference(ref)), expected);
    });
  }
  for (const [input, message] of invalid) {
    it(`rejects ${JSON.stringify(input.slice(0, 40))}`, () => {
      assert.throws(
        () => parseReference(input),
        (err: unknown) => isBulwarkError(err, 'IMAGE_REF_INVALID') && message.test(err.message),
      );
    });
  }
});
