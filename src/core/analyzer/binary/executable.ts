import type { FileInfo } from '../types.js';

/** Smaller files are scripts or stubs, not compiled programs worth opening. */
export const minExecutableSize = 1024;
/** Larger executables are not read into memory. */
export const maxExecutableSize = 512 * 1024 * 1024;

/**
 * True for a file with an exec bit in the size range of real programs. Binary analyzers
 * then check the magic bytes first, so non-ELF files cost microseconds.
 */
export function isCandidateExecutable(info: FileInfo): boolean {
  return (info.mode & 0o111) !== 0 && info.size >= minExecutableSize && info.size <= maxExecutableSize;
}
