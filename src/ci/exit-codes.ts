/**
 * `bulwark ci` exit codes, distinct so a pipeline can tell why it stopped. When the images
 * of one run end differently, the highest-priority code wins: refused (4), then a met fail
 * condition (1), then no results (3).
 */
export const ciExitCodes = {
  /** Every image passed its fail conditions (or had no results and none were set). */
  pass: 0,
  /** A fail condition was met by at least one image. */
  policyFail: 1,
  /** Bad flags or input: an unknown image id, no server, an unreadable config. */
  usage: 2,
  /** No (complete) results within --timeout, or the server had no vulnerability data, and fail conditions are set. */
  noResults: 3,
  /** The server refused the request (400 bad request, 401/403 credentials or permission). */
  refused: 4,
} as const;

export type CiExitCode = (typeof ciExitCodes)[keyof typeof ciExitCodes];

/** The code of a run from the codes of its images. */
export function combineExitCodes(codes: readonly CiExitCode[]): CiExitCode {
  for (const code of [ciExitCodes.refused, ciExitCodes.policyFail, ciExitCodes.noResults] as const)
    if (codes.includes(code)) return code;
  return ciExitCodes.pass;
}
