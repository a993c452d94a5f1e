/**
 * Every matcher, in one explicit list (no import side effects). Adding an ecosystem:
 * one folder with a thin `*-matcher.ts`, one line here (the docs table is generated
 * from this list by scripts/gen-supported-ecosystems.ts).
 */

import { almaLinuxMatcher } from './almalinux/almalinux-matcher.js';
import { alpineMatcher } from './alpine/alpine-matcher.js';
import { amazonMatcher } from './amazon/amazon-matcher.js';
import { azureLinuxMatcher } from './azurelinux/azurelinux-matcher.js';
import { bioconductorMatcher } from './bioconductor/bioconductor-matcher.js';
import { cargoMatcher } from './cargo/cargo-matcher.js';
import { chainguardMatcher } from './chainguard/chainguard-matcher.js';
import { conanMatcher } from './conan/conan-matcher.js';
import { cranMatcher } from './cran/cran-matcher.js';
import { debianMatcher } from './debian/debian-matcher.js';
import { echoMatcher } from './echo/echo-matcher.js';
import { golangMatcher } from './golang/golang-matcher.js';
import { hackageMatcher } from './hackage/hackage-matcher.js';
import { hexMatcher } from './hex/hex-matcher.js';
import { juliaMatcher } from './julia/julia-matcher.js';
import { kubernetesMatcher } from './kubernetes/kubernetes-matcher.js';
import { mageiaMatcher } from './mageia/mageia-matcher.js';
import type { Matcher } from './matcher-types.js';
import { mavenMatcher } from './maven/maven-matcher.js';
import { minimOsMatcher } from './minimos/minimos-matcher.js';
import { npmMatcher } from './npm/npm-matcher.js';
import { nugetMatcher } from './nuget/nuget-matcher.js';
import { openEulerMatcher } from './openeuler/openeuler-matcher.js';
import { oracleMatcher } from './oracle/oracle-matcher.js';
import { packagistMatcher } from './packagist/packagist-matcher.js';
import { photonMatcher } from './photon/photon-matcher.js';
import { pubMatcher } from './pub/pub-matcher.js';
import { pypiMatcher } from './pypi/pypi-matcher.js';
import { redHatMatcher } from './redhat/redhat-matcher.js';
import { rockyMatcher } from './rocky/rocky-matcher.js';
import { rubyGemsMatcher } from './rubygems/rubygems-matcher.js';
import { runtimeMatcher } from './runtime/runtime-matcher.js';
import { openSuseMatcher, suseMatcher } from './suse/suse-matcher.js';
import { swiftMatcher } from './swift/swift-matcher.js';
import { ubuntuMatcher } from './ubuntu/ubuntu-matcher.js';
import { wolfiMatcher } from './wolfi/wolfi-matcher.js';

export const matchers = [
  debianMatcher,
  ubuntuMatcher,
  alpineMatcher,
  wolfiMatcher,
  chainguardMatcher,
  redHatMatcher,
  rockyMatcher,
  almaLinuxMatcher,
  amazonMatcher,
  oracleMatcher,
  suseMatcher,
  openSuseMatcher,
  photonMatcher,
  azureLinuxMatcher,
  openEulerMatcher,
  mageiaMatcher,
  minimOsMatcher,
  echoMatcher,
  npmMatcher,
  pypiMatcher,
  golangMatcher,
  mavenMatcher,
  cargoMatcher,
  rubyGemsMatcher,
  packagistMatcher,
  nugetMatcher,
  hexMatcher,
  pubMatcher,
  swiftMatcher,
  juliaMatcher,
  cranMatcher,
  bioconductorMatcher,
  hackageMatcher,
  conanMatcher,
  kubernetesMatcher,
  runtimeMatcher,
] as const satisfies readonly Matcher[];

/** The matcher for a package on this OS, or undefined (e.g. an rpm on an unknown distro). */
export function matcherFor(
  pkg: { type: Matcher['packageTypes'][number] },
  family: string | undefined,
): Matcher | undefined {
  return matchers.find(
    (matcher: Matcher) =>
      matcher.packageTypes.includes(pkg.type) &&
      (matcher.osFamilies === undefined ||
        (family !== undefined && matcher.osFamilies.some((f) => f === family))),
  );
}
