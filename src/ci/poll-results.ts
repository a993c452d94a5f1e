/**
 * Polls the server for one image until its results are ready, as the reference's CI
 * plugins do: 204 means the sensor or the server is still processing (wait and ask
 * again), 200 is the last call. 500 (service down or a processing problem) and network
 * errors are retried until the timeout; 400 (the server cannot understand the request),
 * 401 (wrong credentials) and 403 (no API access) stop at once, since asking again cannot
 * help. Every call and its answer is logged.
 */

import { type CiImagePayload, parseCiPayload } from './ci-payload.js';
import type { ServerAuth } from './ci-settings.js';

export type PollOutcome =
  | { kind: 'complete'; payload: CiImagePayload; calls: number }
  | { kind: 'timeout'; calls: number; lastStatus: string }
  | { kind: 'refused'; calls: number; status: number; message: string };

export interface PollOptions {
  server: URL;
  auth: ServerAuth;
  intervalMs: number;
  timeoutMs: number;
  log: (line: string) => void;
  /** Stops waiting (the run was interrupted). */
  signal?: AbortSignal;
}

/**
 * A single request waits what is left of the timeout, but at least `requestFloorMs` (so the
 * last call, made at the deadline, still gets its answer) and at most `requestCapMs` (so a
 * hung server still ends in a timeout).
 */
const requestCapMs = 30_000;
const requestFloorMs = 2_000;

export function pollUrl(server: URL, imageSha: string): string {
  const base = server.toString().replace(/\/+$/, '');
  return `${base}/csapi/v1.1/ci/images/${encodeURIComponent(imageSha.replace(/^sha256:/, ''))}/vuln`;
}

export function authHeader(auth: ServerAuth): string {
  return auth.kind === 'token'
    ? `Bearer ${auth.token}`
    : `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
}

function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 200) || '(no body)';
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

export async function pollImage(imageSha: string, opts: PollOptions): Promise<PollOutcome> {
  const url = pollUrl(opts.server, imageSha);
  const deadline = Date.now() + opts.timeoutMs;
  const short = imageSha.replace(/^sha256:/, '').slice(0, 12);
  let calls = 0;
  let lastStatus = 'no answer yet';
  for (;;) {
    calls++;
    const started = Date.now();
    const budget = Math.min(requestCapMs, Math.max(requestFloorMs, deadline - started));
    try {
      const res = await fetch(url, {
        headers: { authorization: authHeader(opts.auth), accept: 'application/json' },
        signal: AbortSignal.timeout(budget),
      });
      const text = await res.text();
      const took = `${Date.now() - started} ms`;
      lastStatus = `${res.status} ${res.statusText}`.trim();
      if (res.status === 200) {
        const payload = parseCiPayload(text);
        if (payload.ok) {
          opts.log(
            `${short}: GET ${url} -> 200 complete, ${payload.value.vulnerabilities.length} vulnerabilities (${took})`,
          );
          return { kind: 'complete', payload: payload.value, calls };
        }
        // A 200 we cannot read is a server problem like a 500: logged and asked again.
        lastStatus = `200 with an unreadable body (${payload.error})`;
        opts.log(`${short}: GET ${url} -> ${lastStatus} (${took}); retrying`);
      } else if (res.status === 204) {
        opts.log(`${short}: GET ${url} -> 204 processing (${took})`);
      } else if (res.status === 400 || res.status === 401 || res.status === 403 || res.status === 404) {
        const message = errorMessage(text);
        opts.log(`${short}: GET ${url} -> ${res.status} ${message} (${took}); stopping`);
        return { kind: 'refused', calls, status: res.status, message };
      } else {
        opts.log(`${short}: GET ${url} -> ${res.status} ${errorMessage(text)} (${took}); retrying`);
      }
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : undefined;
      lastStatus = `no answer (${cause ?? (err instanceof Error ? err.message : String(err))})`;
      opts.log(`${short}: GET ${url} -> ${lastStatus}; retrying`);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0 || opts.signal?.aborted) return { kind: 'timeout', calls, lastStatus };
    await sleep(Math.min(opts.intervalMs, remaining), opts.signal);
  }
}
