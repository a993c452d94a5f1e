/**
 * Forwards the run's results to a webhook URL (the job's `--webhook` wins over the global
 * config's, by the usual flag precedence): one JSON POST, logged. A webhook that cannot be
 * reached is a warning, never a changed build result.
 */
import type { CiRunSummary } from './ci-summary.js';

export async function postWebhook(
  url: URL,
  summary: CiRunSummary,
  log: (line: string) => void,
  warn: (line: string) => void,
): Promise<boolean> {
  const target = `${url.origin}${url.pathname}`;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'bulwark-ci' },
      body: JSON.stringify(summary),
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    log(`webhook: POST ${target} -> ${res.status}`);
    if (!res.ok) warn(`webhook ${target} answered ${res.status}: the results were not accepted`);
    return res.ok;
  } catch (err) {
    const why =
      err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    log(`webhook: POST ${target} -> no answer (${why})`);
    warn(`webhook ${target} could not be reached (${why}): the results were not forwarded`);
    return false;
  }
}
