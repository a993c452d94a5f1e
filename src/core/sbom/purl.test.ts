import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FoundPackage } from '../analyzer/types.js';
import type { OSInfo } from './model.js';
import { buildPurl, parsePurl, purlFor } from './purl.js';

const debian12: OSInfo = {
  family: 'debian',
  version: '12',
  name: 'Debian GNU/Linux 12 (bookworm)',
  codename: 'bookworm',
};
const sid: OSInfo = {
  family: 'debian',
  version: '',
  name: 'Debian GNU/Linux trixie/sid',
  codename: 'trixie',
};
const ubuntu: OSInfo = { family: 'ubuntu', version: '22.04', name: 'Ubuntu 22.04.4 LTS', codename: 'jammy' };
const rhel: OSInfo = { family: 'rhel', version: '8.8', name: 'Red Hat Enterprise Linux 8.8 (Ootpa)' };
const fedora: OSInfo = { family: 'fedora', version: '40', name: 'Fedora Linux 40' };
const alpine: OSInfo = { family: 'alpine', version: '3.20.3', name: 'Alpine Linux v3.20' };
const wolfi: OSInfo = { family: 'wolfi', version: '20230201', name: 'Wolfi' };

// Shapes follow the purl spec's type definitions and its test-suite-data.json
// (package-url/purl-spec), e.g. pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie,
// pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25, pkg:npm/%40angular/animation@12.3.1.
// Qualifiers come out sorted by key: the spec's canonical form, as packageurl-js writes it.
const cases: { name: string; pkg: FoundPackage; os?: OSInfo; want: string }[] = [
  {
    name: 'deb with a differently named source',
    pkg: {
      type: 'deb',
      name: 'libc6',
      version: '2.36-9+deb12u4',
      arch: 'amd64',
      source: { name: 'glibc', version: '2.36-9+deb12u4' },
    },
    os: debian12,
    want: 'pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&distro=debian-12&upstream=glibc',
  },
  {
    name: 'deb whose source version differs (binNMU)',
    pkg: {
      type: 'deb',
      name: 'bsdutils',
      version: '1:2.38.1-5+b1',
      arch: 'amd64',
      source: { name: 'util-linux', version: '2.38.1-5' },
    },
    os: debian12,
    want: 'pkg:deb/debian/bsdutils@1:2.38.1-5+b1?arch=amd64&distro=debian-12&upstream=util-linux%402.38.1-5',
  },
  {
    name: 'deb whose source is itself: no upstream',
    pkg: {
      type: 'deb',
      name: 'curl',
      version: '7.88.1-10+deb12u5',
      arch: 'amd64',
      source: { name: 'curl', version: '7.88.1-10+deb12u5' },
    },
    os: debian12,
    want: 'pkg:deb/debian/curl@7.88.1-10+deb12u5?arch=amd64&distro=debian-12',
  },
  {
    name: 'deb on sid: distro from the codename',
    pkg: { type: 'deb', name: 'bash', version: '5.2.21-2', arch: 'arm64' },
    os: sid,
    want: 'pkg:deb/debian/bash@5.2.21-2?arch=arm64&distro=debian-trixie',
  },
  {
    name: 'ubuntu deb',
    pkg: { type: 'deb', name: 'openssl', version: '3.0.2-0ubuntu1.15', arch: 'amd64' },
    os: ubuntu,
    want: 'pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15?arch=amd64&distro=ubuntu-22.04',
  },
  {
    name: 'deb without an OS',
    pkg: { type: 'deb', name: 'zlib1g', version: '1:1.2.13.dfsg-1' },
    want: 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1',
  },
  {
    name: 'rhel rpm with epoch: epoch moves to a qualifier, upstream is the source rpm',
    pkg: {
      type: 'rpm',
      name: 'openssl-libs',
      version: '1:1.1.1k-9.el8_7',
      epoch: 1,
      arch: 'x86_64',
      source: { name: 'openssl', version: '1:1.1.1k-9.el8_7' },
    },
    os: rhel,
    want: 'pkg:rpm/redhat/openssl-libs@1.1.1k-9.el8_7?arch=x86_64&distro=rhel-8.8&epoch=1&upstream=openssl-1.1.1k-9.el8_7.src.rpm',
  },
  {
    name: 'fedora rpm without epoch',
    pkg: {
      type: 'rpm',
      name: 'curl',
      version: '8.6.0-7.fc40',
      arch: 'x86_64',
      source: { name: 'curl', version: '8.6.0-7.fc40' },
    },
    os: fedora,
    want: 'pkg:rpm/fedora/curl@8.6.0-7.fc40?arch=x86_64&distro=fedora-40&upstream=curl-8.6.0-7.fc40.src.rpm',
  },
  {
    name: 'alpine apk',
    pkg: { type: 'apk', name: 'musl', version: '1.2.5-r0', arch: 'x86_64', source: { name: 'musl' } },
    os: alpine,
    want: 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3',
  },
  {
    name: 'wolfi apk',
    pkg: { type: 'apk', name: 'glibc', version: '2.39-r5', arch: 'aarch64' },
    os: wolfi,
    want: 'pkg:apk/wolfi/glibc@2.39-r5?arch=aarch64&distro=wolfi-20230201',
  },
  { name: 'npm', pkg: { type: 'npm', name: 'express', version: '4.18.2' }, want: 'pkg:npm/express@4.18.2' },
  {
    name: 'scoped npm: the scope is the namespace, @ percent-encoded',
    pkg: { type: 'npm', name: '@babel/core', version: '7.24.0' },
    want: 'pkg:npm/%40babel/core@7.24.0',
  },
  {
    name: 'pypi: PEP 503 normalised',
    pkg: { type: 'pypi', name: 'Typing_Extensions', version: '4.15.0' },
    want: 'pkg:pypi/typing-extensions@4.15.0',
  },
  {
    name: 'pypi dots',
    pkg: { type: 'pypi', name: 'zope.interface', version: '6.2' },
    want: 'pkg:pypi/zope-interface@6.2',
  },
  {
    name: 'golang: namespace is the module path up to the last slash',
    pkg: { type: 'golang', name: 'github.com/gorilla/mux', version: 'v1.8.1' },
    want: 'pkg:golang/github.com/gorilla/mux@v1.8.1',
  },
  {
    name: 'golang keeps case',
    pkg: { type: 'golang', name: 'github.com/Azure/go-autorest', version: 'v14.2.0+incompatible' },
    want: 'pkg:golang/github.com/Azure/go-autorest@v14.2.0+incompatible',
  },
  {
    name: 'golang stdlib',
    pkg: { type: 'golang', name: 'stdlib', version: 'v1.22.1' },
    want: 'pkg:golang/stdlib@v1.22.1',
  },
  {
    name: 'maven group:artifact name',
    pkg: { type: 'maven', name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1' },
    want: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
  },
  {
    name: 'maven artifact name with namespace',
    pkg: { type: 'maven', name: 'batik-anim', namespace: 'org.apache.xmlgraphics', version: '1.9.1' },
    want: 'pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1',
  },
  { name: 'gem', pkg: { type: 'gem', name: 'rack', version: '2.2.22' }, want: 'pkg:gem/rack@2.2.22' },
  { name: 'cargo', pkg: { type: 'cargo', name: 'rand', version: '0.8.5' }, want: 'pkg:cargo/rand@0.8.5' },
  {
    name: 'composer vendor/name (lower-cased per spec)',
    pkg: { type: 'composer', name: 'Laravel/Framework', version: 'v10.48.4' },
    want: 'pkg:composer/laravel/framework@v10.48.4',
  },
  {
    name: 'nuget keeps case',
    pkg: { type: 'nuget', name: 'Newtonsoft.Json', version: '13.0.3' },
    want: 'pkg:nuget/Newtonsoft.Json@13.0.3',
  },
  // Trivy's KBOM spelling: the module path is the name, its slash encoded.
  {
    name: 'k8s component (KBOM)',
    pkg: { type: 'k8s', name: 'k8s.io/kubelet', version: '1.29.3' },
    want: 'pkg:k8s/k8s.io%2Fkubelet@1.29.3',
  },
  {
    name: 'hackage',
    pkg: { type: 'hackage', name: 'aeson', version: '2.1.0.0' },
    want: 'pkg:hackage/aeson@2.1.0.0',
  },
  {
    name: 'bioconductor',
    pkg: { type: 'bioconductor', name: 'Rsamtools', version: '2.10.0' },
    want: 'pkg:bioconductor/Rsamtools@2.10.0',
  },
  {
    name: 'openEuler rpm',
    pkg: { type: 'rpm', name: 'zlib', version: '1.2.11-22.oe2203sp1', arch: 'x86_64' },
    os: { family: 'openeuler', version: '22.03', name: 'openEuler 22.03 (LTS-SP1)' },
    want: 'pkg:rpm/openeuler/zlib@1.2.11-22.oe2203sp1?arch=x86_64&distro=openeuler-22.03',
  },
];

describe('purlFor', () => {
  for (const c of cases) {
    it(c.name, () => assert.equal(purlFor(c.pkg, c.os), c.want));
  }

  it('accepts a located Package too', () => {
    const purl = purlFor({
      type: 'gem',
      name: 'json',
      version: '2.6.3',
      location: { path: 'usr/lib/ruby/json.gemspec' },
    });
    assert.equal(purl, 'pkg:gem/json@2.6.3');
  });
});

describe('parsePurl', () => {
  const table: {
    purl: string;
    name: string;
    type?: string;
    version: string;
    qualifiers?: Record<string, string>;
  }[] = [
    {
      purl: 'pkg:deb/debian/bsdutils@1:2.38.1-5+b1?arch=amd64&distro=debian-12&upstream=util-linux%402.38.1-5',
      type: 'deb',
      name: 'bsdutils',
      version: '1:2.38.1-5+b1',
      qualifiers: { arch: 'amd64', distro: 'debian-12', upstream: 'util-linux@2.38.1-5' },
    },
    { purl: 'pkg:npm/%40babel/core@7.24.0', type: 'npm', name: '@babel/core', version: '7.24.0' },
    {
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      type: 'maven',
      name: 'org.apache.logging.log4j:log4j-core',
      version: '2.14.1',
    },
    {
      purl: 'pkg:golang/github.com/gorilla/mux@v1.8.1',
      type: 'golang',
      name: 'github.com/gorilla/mux',
      version: 'v1.8.1',
    },
    {
      purl: 'pkg:composer/laravel/framework@v10.48.4',
      type: 'composer',
      name: 'laravel/framework',
      version: 'v10.48.4',
    },
    { purl: 'pkg:oci/debian@sha256%3Aabc?tag=12', name: 'debian', version: 'sha256:abc' },
    // A KBOM written with the module path split into namespace and name reads the same.
    { purl: 'pkg:k8s/k8s.io/apiserver@1.29.3', type: 'k8s', name: 'k8s.io/apiserver', version: '1.29.3' },
  ];
  for (const t of table) {
    it(t.purl, () => {
      const p = parsePurl(t.purl);
      assert.ok(p);
      assert.equal(p.packageType, t.type);
      assert.equal(p.name, t.name);
      assert.equal(p.version, t.version);
      if (t.qualifiers) assert.deepEqual(p.qualifiers, t.qualifiers);
    });
  }

  it('round-trips every purlFor case', () => {
    for (const c of cases) {
      const p = parsePurl(c.want);
      assert.ok(p, c.want);
      assert.equal(p.packageType, c.pkg.type, c.want);
    }
  });

  it('returns undefined for text that is not a purl', () => {
    assert.equal(parsePurl('not a purl'), undefined);
    assert.equal(parsePurl('pkg:'), undefined);
  });
});

describe('buildPurl never throws and names what is missing', () => {
  it('a jar identified by its manifest or file name has no Maven group: no purl, a gap', () => {
    const r = buildPurl({ type: 'maven', name: 'widget', version: '1.2.3' });
    assert.equal(r.purl, undefined);
    assert.match(r.gap ?? '', /no Maven group for widget/);
    assert.equal(purlFor({ type: 'maven', name: 'widget', version: '1.2.3' }), undefined);
  });
  it('an empty name has no purl; an empty version gives a purl without one, and a gap', () => {
    assert.match(buildPurl({ type: 'npm', name: '', version: '1' }).gap ?? '', /no package name/);
    const noVersion = buildPurl({ type: 'npm', name: 'left-pad', version: '' });
    assert.equal(noVersion.purl, 'pkg:npm/left-pad');
    assert.match(noVersion.gap ?? '', /no version/);
  });
  it('a purl packageurl-js would write but not read back is a gap, not an unreadable purl', () => {
    const r = buildPurl({
      type: 'rpm',
      name: 'x',
      version: '1-1',
      source: { name: 'per%cent', version: '1-1' },
    });
    assert.equal(r.purl, undefined);
    assert.match(r.gap ?? '', /no purl/);
  });
});
