import { bunAnalyzer } from './lang/bun/bun-analyzer.js';
import { cocoapodsAnalyzer } from './lang/cocoapods/cocoapods-analyzer.js';
import { conanAnalyzer } from './lang/conan/conan-analyzer.js';
import { condaAnalyzer } from './lang/conda/conda-analyzer.js';
import { dotnetAnalyzer } from './lang/dotnet/dotnet-analyzer.js';
import { golangAnalyzer } from './lang/golang/golang-analyzer.js';
import { gradleAnalyzer } from './lang/gradle/gradle-analyzer.js';
import { hexAnalyzer } from './lang/hex/hex-analyzer.js';
import { javaAnalyzer } from './lang/java/java-analyzer.js';
import { juliaAnalyzer } from './lang/julia/julia-analyzer.js';
import { msbuildAnalyzer } from './lang/msbuild/msbuild-analyzer.js';
import { npmAnalyzer } from './lang/npm/npm-analyzer.js';
import { phpAnalyzer } from './lang/php/php-analyzer.js';
import { pomAnalyzer } from './lang/pom/pom-analyzer.js';
import { pubAnalyzer } from './lang/pub/pub-analyzer.js';
import { pylockAnalyzer } from './lang/pylock/pylock-analyzer.js';
import { pythonAnalyzer } from './lang/python/python-analyzer.js';
import { rAnalyzer } from './lang/r/r-analyzer.js';
import { rubyAnalyzer } from './lang/ruby/ruby-analyzer.js';
import { runtimeAnalyzer } from './lang/runtime/runtime-analyzer.js';
import { rustAnalyzer } from './lang/rust/rust-analyzer.js';
import { sbtAnalyzer } from './lang/sbt/sbt-analyzer.js';
import { swiftAnalyzer } from './lang/swift/swift-analyzer.js';
import { osReleaseAnalyzer } from './os/os-release-analyzer.js';
import { apkAnalyzer } from './pkg/apk/apk-analyzer.js';
import { dpkgAnalyzer } from './pkg/dpkg/dpkg-analyzer.js';
import { rpmAnalyzer } from './pkg/rpm/rpm-analyzer.js';
import type { Analyzer } from './types.js';

/**
 * Every analyzer Bulwark runs, in one explicit list (no import side effects).
 * Adding an ecosystem: one folder under os/, pkg/ or lang/, one line here, one
 * entry in scripts/supported-ecosystems-data.ts (docs/supported-ecosystems.md is generated).
 */
export const analyzers = [
  osReleaseAnalyzer,
  dpkgAnalyzer,
  rpmAnalyzer,
  apkAnalyzer,
  golangAnalyzer,
  javaAnalyzer,
  pomAnalyzer,
  gradleAnalyzer,
  sbtAnalyzer,
  rustAnalyzer,
  dotnetAnalyzer,
  msbuildAnalyzer,
  npmAnalyzer,
  bunAnalyzer,
  pythonAnalyzer,
  pylockAnalyzer,
  condaAnalyzer,
  rubyAnalyzer,
  phpAnalyzer,
  hexAnalyzer,
  pubAnalyzer,
  swiftAnalyzer,
  cocoapodsAnalyzer,
  conanAnalyzer,
  juliaAnalyzer,
  rAnalyzer,
  runtimeAnalyzer,
] as const satisfies readonly Analyzer[];
