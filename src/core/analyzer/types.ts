import type { OSInfo, Package, Unknown } from '../sbom/model.js';
import type { PomFacts } from './lang/pom/read-pom.js';

/** What the layer walker knows about an entry before reading it. */
export interface FileInfo {
  /** Path inside the image, no leading slash: `var/lib/dpkg/status`. */
  path: string;
  size: number;
  /** Unix permission bits (e.g. 0o755). */
  mode: number;
}

export interface AnalyzerInput extends FileInfo {
  content: Buffer;
  /** A private directory the analyzer may write scratch files to (e.g. to open an SQLite file). */
  tempDir: string;
}

/** A package as an analyzer sees it: location path only; the applier adds the layer and the purl. */
export type FoundPackage = Omit<Package, 'location' | 'purl' | 'otherLocations'> & {
  path?: string;
  /**
   * Set on packages a lockfile declares (rather than an installed tree proves): the directory
   * whose installed packages the lockfile describes, '' for anywhere in the image (Python and
   * Ruby install outside the project). The applier folds such a package into the installed
   * copies of the same package there, so each is counted once.
   */
  declaredFor?: string;
  /**
   * Set on packages a companion file offers to the manifest beside it (go.sum's modules for
   * go.mod): the manifest's file name. The applier keeps them only when that manifest, in the
   * same directory, asks for them (`AnalysisResult.supplementedBy`) and does not list the
   * package itself.
   */
  supplements?: string;
};

export interface AnalysisResult {
  os?: OSInfo;
  packages?: FoundPackage[];
  /**
   * Files that the OS package database says an installed package owns; language
   * analyzers' findings at these paths are dropped so nothing is reported twice.
   */
  ownedFiles?: string[];
  unknowns?: Omit<Unknown, 'analyzer' | 'layer'>[];
  /**
   * Set by a manifest that does not list every package of its build on its own: the file
   * name beside it whose `supplements` packages complete it (a go.mod below `go 1.17`: its
   * indirect modules are in go.sum only).
   */
  supplementedBy?: string;
  /**
   * A pom.xml's facts, unresolved: its packages depend on parents elsewhere in the image, so
   * the applier resolves them (`applier/resolve-poms.ts`) once every layer is known.
   */
  mavenPom?: PomFacts;
}

export interface Analyzer {
  /** Path-like name matching its folder: `pkg/dpkg`, `os/release`, `lang/npm`. */
  name: string;
  /** Bump when output changes, so cached layer results are recomputed. */
  version: number;
  /** Cheap check on the path and header only; called for every entry of every layer. */
  wants(info: FileInfo): boolean;
  /** Files larger than this are reported as unknowns instead of read (default 64 MiB). */
  maxFileSize?: number;
  /**
   * For a wanted file, the leading bytes it must start with (any one of them) to be
   * of interest, such as the ELF magic for executables; undefined to read it whole.
   * The walker checks the first bytes and skips the rest of a file no analyzer
   * recognises instead of reading it into memory.
   */
  magic?(info: FileInfo): readonly Uint8Array[] | undefined;
  /**
   * Must not throw on bad content: return unknowns instead. The walker (`runAnalyzer`) turns a
   * throw into an unknown anyway, so analyzers carry no catch-all guard of their own.
   */
  analyze(input: AnalyzerInput): AnalysisResult | Promise<AnalysisResult>;
}

export const defaultMaxFileSize = 64 * 1024 * 1024;
