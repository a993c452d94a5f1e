/**
 * What docs/supported-ecosystems.md says about each analyzer: the inputs it reads, in
 * words, with example paths. The generator adds what the code knows (analyzer versions,
 * the matchers and OSV ecosystems for each package type, their comparators), and
 * supported-ecosystems.test.ts proves every example path is one the analyzer wants.
 * A path ending in `*` is an executable (mode 0755).
 */
import type { PackageType } from '../src/core/sbom/model.js';

export interface InputRow {
  /** Which analyzer reads it: a name from src/core/analyzer/analyzers.ts. */
  analyzer: string;
  ecosystem: string;
  /** The files, in words (globs and conditions). */
  files: string;
  /** Real paths the analyzer must want; the test asks its `wants()`. */
  examples: string[];
  /** The purl type of what it reports; undefined when it reports no packages. */
  packageType?: PackageType;
  notes: string;
}

export const analyzerInputs: InputRow[] = [
  {
    analyzer: 'os/release',
    ecosystem: 'OS detection',
    files:
      '`etc/os-release`, `usr/lib/os-release` (through symlinks), `etc/alpine-release`, `etc/debian_version`, `etc/redhat-release` and kin',
    examples: [
      'etc/os-release',
      'usr/lib/os-release',
      'etc/alpine-release',
      'etc/debian_version',
      'etc/redhat-release',
    ],
    notes:
      'os-release wins; the others fill in. Distroless recognised from its `PRETTY_NAME`. A symlink loop on the os-release path is an error (`SYMLINK_LOOP`).',
  },
  {
    analyzer: 'pkg/dpkg',
    ecosystem: 'Debian, Ubuntu, distroless',
    files:
      '`var/lib/dpkg/status`, `var/lib/dpkg/status.d/*` (distroless), `var/lib/dpkg/info/*.list` and `status.d/*.md5sums` (owned files)',
    examples: ['var/lib/dpkg/status', 'var/lib/dpkg/status.d/base', 'var/lib/dpkg/info/libc6:amd64.list'],
    packageType: 'deb',
    notes:
      'Only `installed` packages: in `status` a paragraph without `Status:` is not installed (as dpkg-query says), only distroless `status.d/` entries are installed without one; a version dpkg calls bad syntax (`1:5.#`) is an unknown; `Source: name (version)` kept for distro matching; owned files hide language packages dpkg installed. A malformed database fails the scan (`PACKAGE_DB_CORRUPT`) unless `--allow-partial`.',
  },
  {
    analyzer: 'pkg/rpm',
    ecosystem: 'Red Hat family, SUSE, Amazon, Fedora',
    files: '`var/lib/rpm/{rpmdb.sqlite,Packages,Packages.db}`, `usr/lib/sysimage/rpm/…`',
    examples: [
      'var/lib/rpm/rpmdb.sqlite',
      'var/lib/rpm/Packages',
      'var/lib/rpm/Packages.db',
      'usr/lib/sysimage/rpm/rpmdb.sqlite',
    ],
    packageType: 'rpm',
    notes:
      'SQLite, Berkeley DB (hash) and NDB backends parsed in TypeScript; no `rpm` binary at run time. Epoch, source rpm, license, file list.',
  },
  {
    analyzer: 'pkg/apk',
    ecosystem: 'Alpine, Wolfi, Chainguard',
    files: '`lib/apk/db/installed`',
    examples: ['lib/apk/db/installed'],
    packageType: 'apk',
    notes:
      'Origin as the source package, `R:` lines as owned files. A last record without a final newline is complete when its last line is a `K:value` field (apk-tools reads it so); otherwise the file was cut and that record is an unknown.',
  },
  {
    analyzer: 'lang/golang',
    ecosystem: 'Go',
    files:
      'executables with Go build info (`.go.buildinfo`, Go 1.13+: pointer format before 1.18, inline after)',
    examples: ['usr/local/bin/app*'],
    packageType: 'golang',
    notes:
      'What `go version -m` prints: main module (`(devel)` kept, low confidence), deps with `=>` replacements applied (directory replacements keep the required version, low confidence), toolchain as `stdlib` (`go1.22.3` → `1.22.3`). ELF only; section table first, RW-segment scan only when the section table is stripped.',
  },
  {
    analyzer: 'lang/golang',
    ecosystem: 'Go',
    files: '`go.mod` (not under `pkg/mod/` or `vendor/`)',
    examples: ['src/app/go.mod'],
    packageType: 'golang',
    notes:
      "`require` lines and blocks (incl. `// indirect`), `replace` applied. Module versions keep Go's `v` prefix. Since Go 1.17 go.mod lists every module of the build; below (or with no `go` line) the go.sum beside it completes it (next row).",
  },
  {
    analyzer: 'lang/golang',
    ecosystem: 'Go',
    files: '`go.sum` beside a `go.mod` whose `go` directive is below 1.17 (or missing)',
    examples: ['src/app/go.sum'],
    packageType: 'golang',
    notes:
      'Each module at the highest version go.sum names (what `go list -m all` selects without graph pruning), minus those go.mod lists. Beside a Go 1.17+ go.mod, or without a go.mod, it adds nothing: go.sum also holds modules the build never selected.',
  },
  {
    analyzer: 'lang/java',
    ecosystem: 'Java',
    files: '`*.jar`, `*.war`, `*.ear`, `*.jpi`, `*.hpi`, nested archives inside them (depth ≤ 4)',
    examples: [
      'app/lib/slf4j-api-2.0.9.jar',
      'srv/app.war',
      'srv/app.ear',
      'var/jenkins_home/plugins/git.jpi',
      'var/jenkins_home/plugins/git.hpi',
    ],
    packageType: 'maven',
    notes:
      'every `pom.properties` naming groupId, artifactId and version, under `META-INF/maven/` or elsewhere (high confidence, all of a shaded jar), else MANIFEST.MF title/version (low), else `name-1.2.3.jar` (low); the last two know no Maven group, so they get no purl and an unknown says so. Nested paths as `outer.war!/WEB-INF/lib/x.jar`. Zip-bomb guards: 500k entries, 256 MiB per entry, 200× ratio above 1 MiB, 512 MiB inflated per file.',
  },
  {
    analyzer: 'lang/java',
    ecosystem: 'Java (JDK)',
    files:
      '`usr/lib/jvm/*/release`, `opt/java/*/release`; `release` in `usr/local/<dir>/`, `opt/<dir>/` when the directory is named like a JDK (`jdk`, `jre`, `java`)',
    examples: [
      'usr/lib/jvm/java-17-openjdk-amd64/release',
      'opt/java/openjdk/release',
      'usr/local/openjdk-11/release',
      'opt/jdk-21.0.2/release',
    ],
    packageType: 'generic',
    notes:
      '`pkg:generic/openjdk@<JAVA_VERSION>`, matched against OSV `Bitnami` `java` (`1.8.0_392` compared as `8.0.392`); a JDK a distribution installed is dropped (its package owns the file).',
  },
  {
    analyzer: 'lang/pom',
    ecosystem: 'Java (Maven project)',
    files: '`pom.xml` (not under `.m2/` or `target/`)',
    examples: ['srv/app/pom.xml', 'srv/app/module/pom.xml'],
    packageType: 'maven',
    notes:
      'Declared `dependencies`, resolved as Maven builds the effective model from the files in the image: properties and `dependencyManagement` along the parent chain (`relativePath`, default `../pom.xml`; the file must be the parent named), nearer wins; `project.*` built-ins; `test` scope → dev. A version that needs a parent or imported BOM from a repository, or an undefined property, is never guessed: the package is listed without a version (low confidence) and one unknown per file names what is missing. Plugins and profiles are not read.',
  },
  {
    analyzer: 'lang/sbt',
    ecosystem: 'Scala (sbt)',
    files: '`build.sbt.lock` (sbt-dependency-lock, lockVersion 1)',
    examples: ['srv/app/build.sbt.lock'],
    packageType: 'maven',
    notes:
      '`org` as the Maven group, `name` as the artifact (Scala suffix kept, `scalatest_2.13`); locked only in `test` → dev.',
  },
  {
    analyzer: 'lang/rust',
    ecosystem: 'Rust',
    files: '`Cargo.lock` (v1–v4)',
    examples: ['src/app/Cargo.lock'],
    packageType: 'cargo',
    notes:
      'Only packages with a `source` (registry, sparse, git; git ones with their origin); workspace and path crates are local code and skipped. 16 MiB limit.',
  },
  {
    analyzer: 'lang/rust',
    ecosystem: 'Rust',
    files: 'executables built with cargo-auditable (ELF section `.dep-v0`)',
    examples: ['usr/local/bin/rustapp*'],
    packageType: 'cargo',
    notes: 'Every crate listed, root and `kind: build` included (not dev). Inflated JSON capped at 8 MiB.',
  },
  {
    analyzer: 'lang/dotnet',
    ecosystem: '.NET',
    files: '`*.deps.json`',
    examples: ['app/MyApp.deps.json'],
    packageType: 'nuget',
    notes: '`libraries` of type `package`; `project`, `reference`, `runtimepack` skipped.',
  },
  {
    analyzer: 'lang/dotnet',
    ecosystem: '.NET',
    files: '`packages.lock.json` (v1, v2)',
    examples: ['src/app/packages.lock.json'],
    packageType: 'nuget',
    notes:
      '`Direct`, `Transitive`, `CentralTransitive` with their `resolved` version, once across target frameworks; `Project` skipped.',
  },
  {
    analyzer: 'lang/npm',
    ecosystem: 'Node.js',
    files:
      '`node_modules/<name>/package.json`, `node_modules/@scope/<name>/package.json` (package roots only, nested `node_modules` included)',
    examples: [
      'usr/src/app/node_modules/express/package.json',
      'usr/src/app/node_modules/@types/node/package.json',
    ],
    packageType: 'npm',
    notes:
      'Name/version from the manifest (aliases report the real package); `license` string, `{type}` object or legacy `licenses` array. Private manifests without a version skipped. Installed manifests carry no dev flag.',
  },
  {
    analyzer: 'lang/npm',
    ecosystem: 'Node.js',
    files:
      "`package-lock.json`, `npm-shrinkwrap.json` (v1, v2, v3; not under `node_modules/`), npm 7+'s hidden `node_modules/.package-lock.json` (the project's own)",
    examples: ['usr/src/app/package-lock.json', 'usr/src/app/npm-shrinkwrap.json'],
    packageType: 'npm',
    notes:
      "v2/v3: `packages` map, `dev: true` → dev (`devOptional`/`optional` are not), `link` entries reported once with their folder's version and a path origin, `resolved` git/tarball/`file:` entries with their origin, license kept. v1: nested `dependencies`, `npm:` aliases resolved, `file:`/git/URL specs reported with their origin (a git one with its commit as version). A project with both a lockfile and `node_modules` reports each installed package once, the lockfile as one more location of it (see below). Limits: 64 MiB per file; 200,000 packages per file, past that the first 200,000 are kept plus an unknown `too large: N entries…`.",
  },
  {
    analyzer: 'lang/npm',
    ecosystem: 'Node.js',
    files: '`yarn.lock` classic (v1) and berry (v2+, `__metadata`)',
    examples: ['usr/src/app/yarn.lock'],
    packageType: 'npm',
    notes:
      "Read line by line. Berry: version from `resolution: name@npm:x`; `workspace:`, `link:`, `portal:`, `file:`, `patch:` entries skipped (patches repeat their npm entry); git/tarball use the entry's `version`. yarn.lock has no dev information.",
  },
  {
    analyzer: 'lang/npm',
    ecosystem: 'Node.js',
    files: '`pnpm-lock.yaml` (lockfileVersion 5.x, 6.x, 9.x)',
    examples: ['usr/src/app/pnpm-lock.yaml'],
    packageType: 'npm',
    notes:
      "Read line by line (a YAML library is too slow for big lockfiles). Peer suffixes (`_x`, `(x)`) dropped. 5.x/6.x: `dev: true` per entry. 9.x: dev = reachable only from importers' `devDependencies` through `snapshots`. Non-registry entries need `name`/`version` fields.",
  },
  {
    analyzer: 'lang/python',
    ecosystem: 'Python',
    files: '`*.dist-info/METADATA`, `*.egg-info/PKG-INFO`, `*.egg-info` (file)',
    examples: [
      'usr/lib/python3/dist-packages/requests-2.28.1.dist-info/METADATA',
      'usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO',
      'usr/lib/python3/dist-packages/six-1.16.0.egg-info',
    ],
    packageType: 'pypi',
    notes:
      'Name PEP 503-normalised. Licenses: `License-Expression`, else `License ::` classifiers, else a one-line `License` (≤ 80 chars, not `UNKNOWN`).',
  },
  {
    analyzer: 'lang/python',
    ecosystem: 'Python',
    files: '`poetry.lock`, `uv.lock`, `Pipfile.lock`, `requirements*.txt`',
    examples: [
      'app/poetry.lock',
      'app/uv.lock',
      'app/Pipfile.lock',
      'app/requirements.txt',
      'app/requirements-dev.txt',
    ],
    packageType: 'pypi',
    notes:
      'poetry: `category = "dev"` (< 1.5) or `groups` without `main` (2.x) → dev; git/url/file/directory sources carry their origin. uv: editable/virtual roots skipped, git/url/path/directory sources carry their origin, dev = reachable only from roots\' `dev-dependencies`. Pipfile.lock: `develop` → dev, git/path/file entries carry their origin (git: `ref` as version; others: no version), other entries without `==version` skipped. requirements: pinned `==`/`===` only (extras, markers, hashes, comments handled). TOML lockfiles (parsed whole) over 200,000 `[[package]]` tables are refused as one unknown; other files cut at 200,000 like npm.',
  },
  {
    analyzer: 'lang/conda',
    ecosystem: 'Conda',
    files: '`<env>/conda-meta/*.json` (installed packages)',
    examples: [
      'opt/conda/conda-meta/numpy-1.26.4-py311h64a7726_0.json',
      'opt/conda/envs/app/conda-meta/openssl-3.2.1-hd590300_0.json',
    ],
    packageType: 'conda',
    notes:
      '`pkg:conda/<name>@<version>`, license kept. Files are not claimed: a conda-installed Python package keeps its `.dist-info`, so PyPI advisories still reach it. OSV has no conda ecosystem: reported, not matched (the report says so).',
  },
  {
    analyzer: 'lang/conda',
    ecosystem: 'Conda',
    files: '`environment.yml` / `environment.yaml`',
    examples: ['srv/app/environment.yml'],
    packageType: 'conda',
    notes:
      'Exact pins only: `name=version=build` (as `conda env export` writes), `name==version`, `name version build`, `channel::` prefixes; `pip:` entries pinned with `==` as PyPI packages. `name=1.2` (any 1.2.x), ranges and bare names are named in one unknown, never given a version. Folded into installed copies anywhere in the image.',
  },
  {
    analyzer: 'lang/ruby',
    ecosystem: 'Ruby',
    files: '`**/specifications/*.gemspec` (gem homes, `usr/share/rubygems-integration/…`)',
    examples: [
      'usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec',
      'usr/local/bundle/specifications/rails-7.1.3.gemspec',
    ],
    packageType: 'gem',
    notes:
      'Read textually (never evaluated): `name`, `version`, `license(s)` string literals, `.freeze` and `%q{}` handled.',
  },
  {
    analyzer: 'lang/ruby',
    ecosystem: 'Ruby',
    files: '`Gemfile.lock` (not under `…/gems/`)',
    examples: ['app/Gemfile.lock'],
    packageType: 'gem',
    notes:
      'GEM and GIT `specs:` at four-space indent; platform suffix (`-x86_64-linux`) dropped and platform variants folded; GIT and PATH gems carry their origin (remote and revision, or path). No dev information. 32 MiB, 200,000 gems per file.',
  },
  {
    analyzer: 'lang/php',
    ecosystem: 'PHP',
    files:
      '`<vendor-dir>/composer/installed.json` at any depth (`vendor/` or a custom `config.vendor-dir`; Composer 1 array, Composer 2 object)',
    examples: ['app/vendor/composer/installed.json', 'srv/app/lib/deps/composer/installed.json'],
    packageType: 'composer',
    notes: '`dev-package-names` → dev. Version kept as written (`v6.4.4`, `dev-main`).',
  },
  {
    analyzer: 'lang/php',
    ecosystem: 'PHP',
    files: '`composer.lock` (not under `vendor/`)',
    examples: ['app/composer.lock'],
    packageType: 'composer',
    notes:
      '`packages` and `packages-dev` (→ dev), license arrays or strings. 64 MiB, 200,000 packages per file.',
  },
  {
    analyzer: 'lang/bun',
    ecosystem: 'Node.js (bun)',
    files: '`bun.lock` (text, lockfileVersion 0/1; not under `node_modules/`); `bun.lockb`',
    examples: ['app/bun.lock', 'app/bun.lockb'],
    packageType: 'npm',
    notes:
      "JSON with trailing commas. Aliases report the real package; workspace/file/link/git entries skipped; dev = reachable only from workspaces' `devDependencies`. `bun.lockb` (binary) is an unknown with the hint `bun install --save-text-lockfile`.",
  },
  {
    analyzer: 'lang/pylock',
    ecosystem: 'Python (PEP 751)',
    files: '`pylock.toml`, `pylock.<name>.toml` (not in site-/dist-packages)',
    examples: ['app/pylock.toml'],
    packageType: 'pypi',
    notes:
      '`[[packages]]` with a `version`; directory/archive/VCS entries skipped; `lock-version` other than 1.x is an unknown. Names PEP 503-normalised.',
  },
  {
    analyzer: 'lang/gradle',
    ecosystem: 'Java (Gradle)',
    files: '`gradle.lockfile`, `gradle/dependency-locks/*.lockfile`',
    examples: ['app/gradle.lockfile'],
    packageType: 'maven',
    notes: '`group:artifact:version=configurations`; locked only in `test*` configurations → dev.',
  },
  {
    analyzer: 'lang/dotnet',
    ecosystem: '.NET',
    files: '`*.dll`, `*.exe` that are .NET assemblies (PE with a CLR header) and carry a version resource',
    examples: ['app/Newtonsoft.Json.dll', 'app/Tool.exe'],
    packageType: 'nuget',
    notes:
      'The NuGet package named like the assembly (`OriginalFilename`/`InternalName`), at `ProductVersion` (AssemblyInformationalVersion, `+metadata` dropped) else `FileVersion`; low confidence (a name heuristic). Beside a `*.deps.json` that lists it, it is one more location of that package. Native DLLs yield nothing.',
  },
  {
    analyzer: 'lang/msbuild',
    ecosystem: '.NET (MSBuild)',
    files:
      '`packages.config`, `*.csproj`/`*.fsproj`/`*.vbproj` `PackageReference`, `Directory.Packages.props` `PackageVersion`',
    examples: ['src/App/packages.config', 'src/App/App.csproj', 'src/Directory.Packages.props'],
    packageType: 'nuget',
    notes:
      '`Version`/`VersionOverride` attribute or `<Version>` child; `[x]` is exact. Properties (`$(X)`), ranges and floating versions are not resolvable offline: one unknown per file lists them, never guessed. Project references without a version are centrally managed (reported from Directory.Packages.props). `developmentDependency`/`PrivateAssets=all` → dev.',
  },
  {
    analyzer: 'lang/hex',
    ecosystem: 'Elixir (Hex)',
    files: '`mix.lock` (not under `deps/`)',
    examples: ['app/mix.lock'],
    packageType: 'hex',
    notes:
      '`:hex` entries by their package atom (aliased keys report the package); `:git`/`:path` skipped. Read line by line, never evaluated. No dev information.',
  },
  {
    analyzer: 'lang/pub',
    ecosystem: 'Dart, Flutter (Pub)',
    files: '`pubspec.lock` (not under `.pub-cache/`)',
    examples: ['app/pubspec.lock'],
    packageType: 'pub',
    notes: '`hosted` packages only (`sdk`, `path`, `git` skipped); `direct dev` → dev.',
  },
  {
    analyzer: 'lang/swift',
    ecosystem: 'Swift',
    files: '`Package.resolved` v1–v3 (not under `.build/checkouts/`)',
    examples: ['app/Package.resolved'],
    packageType: 'swift',
    notes:
      "Pins with a `state.version`, named by repository URL as OSV's SwiftURL does (`github.com/apple/swift-nio`); branch/revision and local pins skipped.",
  },
  {
    analyzer: 'lang/cocoapods',
    ecosystem: 'CocoaPods',
    files: '`Podfile.lock`',
    examples: ['ios/Podfile.lock'],
    packageType: 'cocoapods',
    notes:
      '`PODS` entries, subspecs (`Firebase/Messaging`) folded into their pod; `EXTERNAL SOURCES` git/path pods carry their origin. OSV has no CocoaPods ecosystem: reported, not matched (the report says so).',
  },
  {
    analyzer: 'lang/conan',
    ecosystem: 'C/C++ (Conan)',
    files: '`conan.lock` (Conan 2 `version` 0.5, Conan 1 `graph_lock` 0.4)',
    examples: ['srv/app/conan.lock'],
    packageType: 'conan',
    notes:
      '`name/version` of each reference (`@user/channel`, `#revision` dropped); build requirements (`build_requires`, `context: build`) → dev. Versions ordered as Conan does (`1.1.1t` < `1.1.1u`).',
  },
  {
    analyzer: 'lang/julia',
    ecosystem: 'Julia',
    files: '`Manifest.toml`, `Manifest-v1.x.toml` (format 2.0 and older; not under `.julia/packages/`)',
    examples: ['app/Manifest.toml'],
    packageType: 'julia',
    notes: 'Registered packages with `version` and `uuid`; standard libraries skipped.',
  },
  {
    analyzer: 'lang/r',
    ecosystem: 'R',
    files: '`renv.lock` (not under `renv/library/`)',
    examples: ['app/renv.lock'],
    packageType: 'cran',
    notes:
      '`Repository` (CRAN) packages, and `Bioconductor` ones as `pkg:bioconductor` (matched against OSV `Bioconductor`); GitHub and local packages are listed in one unknown per file (not matched), never dropped silently.',
  },
  {
    analyzer: 'lang/runtime',
    ecosystem: 'Runtimes outside a package manager',
    files:
      'executables `node`, `python3.N`, `php`/`phpX.Y`, `ruby`; shared libraries `libpython3.N*.so*`, `libruby*.so*` (any directory)',
    examples: [
      'usr/local/bin/node*',
      'usr/local/bin/python3.12*',
      'usr/local/lib/libpython3.12.so.1.0',
      'usr/local/bin/php*',
      'usr/local/lib/libruby.so.3.3.5',
    ],
    packageType: 'generic',
    notes:
      '`pkg:generic/{node,python,php,ruby}@<version>` from the string each build embeds (`node.js/vX.Y.Z`, `PY_VERSION` of the series the name says, `X-Powered-By: PHP/…`, `RUBY_DESCRIPTION`); a file naming no version or two yields nothing (a dynamic launcher: its library carries it). Copies an OS package owns are dropped. Matched against OSV `Bitnami`.',
  },
];

/** The package name the generator asks a matcher about, where `NAME` would mean nothing. */
export const sampleNames: Partial<Record<PackageType, string>> = {
  generic: 'node',
  k8s: 'k8s.io/kubelet',
  // The compiler's own package: shows both ecosystems the Hackage matcher asks.
  hackage: 'ghc',
};

/**
 * Package types no analyzer finds in an image: they come in through an SBOM (CycloneDX or
 * SPDX, `bulwark sbom scan`), each component named by its purl.
 */
export interface SbomInputRow {
  ecosystem: string;
  /** An example purl, as the producing tool writes it. */
  purl: string;
  packageType: PackageType;
  notes: string;
}

export const sbomInputs: SbomInputRow[] = [
  {
    ecosystem: 'Kubernetes components (KBOM)',
    purl: 'pkg:k8s/k8s.io%2Fkubelet@1.29.3',
    packageType: 'k8s',
    notes:
      'A cluster bill of materials as Trivy writes one: each component named by its Go module path (`k8s.io/kubelet`, `k8s.io/apiserver`); a bare name (`kubelet`) means the `k8s.io/` module. `pkg:golang/k8s.io/…` components stay Go modules (matched against `Go`).',
  },
  {
    ecosystem: 'Haskell (Hackage, GHC)',
    purl: 'pkg:hackage/aeson@2.1.0.0',
    packageType: 'hackage',
    notes:
      'Versions in Data.Version order (`1.0` < `1.0.0`). The `ghc` package (the compiler library, versioned as the compiler) is also matched against OSV `GHC` (component `ghc`).',
  },
  {
    ecosystem: 'R (Bioconductor)',
    purl: 'pkg:bioconductor/Rsamtools@2.10.0',
    packageType: 'bioconductor',
    notes:
      'R package_version order, as CRAN. Also read from `renv.lock` (`Source: Bioconductor`) by `lang/r`.',
  },
];

/** Where the release is in the OS name rather than its version (openEuler's LTS service pack). */
export const sampleOsNames: Record<string, string> = { openeuler: 'openEuler 22.03 (LTS-SP1)' };

/** An OS of each family the distro matchers serve, to show the ecosystems they ask. */
export const sampleOs: Record<string, string> = {
  openeuler: '22.03',
  mageia: '9',
  minimos: '',
  echo: '',
  photon: '5.0',
  mariner: '3.0',
  debian: '12',
  ubuntu: '22.04',
  alpine: '3.20.3',
  wolfi: '',
  chainguard: '',
  rhel: '9.4',
  rocky: '9.4',
  almalinux: '9.4',
  sles: '15.5',
  'opensuse-leap': '15.5',
  amazon: '2',
  oracle: '8.9',
};

/** What docs/supported-ecosystems.md says about each vendor feed `db update --feed` converts. */
export interface FeedRow {
  /** A converter name from src/core/advisory/feeds/feeds.ts. */
  feed: string;
  /** Where the vendor publishes it, in words. */
  published: string;
  notes: string;
}

export const feedRows: FeedRow[] = [
  {
    feed: 'amazon-linux',
    published: 'each release repository’s `repodata/…updateinfo.xml.gz` (ALAS, https://alas.aws.amazon.com/)',
    notes:
      'The file does not name its release, so the feed id does (`amazon-linux-2`, `amazon-linux-2023`); advisories of another release are skipped with a warning. One range per package name, fixed at `epoch:version-release` (`0:` written).',
  },
  {
    feed: 'oracle-linux',
    published: '`https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2` and per-release files',
    notes:
      'The release comes from each definition’s `Oracle Linux N is installed` criterion, the fix from `NAME is earlier than E:V-R`. bzip2 is not read: decompress first (`bunzip2`) or mirror as `.xml`/`.xml.gz`.',
  },
  {
    feed: 'bottlerocket',
    published: 'the Bottlerocket advisories’ `updateinfo.xml` (BRSA)',
    notes:
      'One feed for every release. Bottlerocket hosts keep no rpm database, so no matcher asks for these records: they serve `explain` and SBOMs that carry the packages.',
  },
];
