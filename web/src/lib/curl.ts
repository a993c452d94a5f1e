/**
 * The curl line for an API request, runnable as printed in a POSIX shell: the token is
 * left as `$BULWARK_TOKEN` (never the session's secret on screen), the URL is absolute
 * and single-quoted.
 */
import { type ApiRequest, requestUrl } from './api-client';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlFor(req: ApiRequest, origin = window.location.origin): string {
  const parts = ['curl', '-sS'];
  if (req.method && req.method !== 'GET') parts.push('-X', req.method);
  parts.push('-H', '"Authorization: Bearer $BULWARK_TOKEN"');
  if (req.body !== undefined) {
    parts.push(
      '-H',
      shellQuote('content-type: application/json'),
      '--data',
      shellQuote(JSON.stringify(req.body)),
    );
  }
  parts.push(shellQuote(`${origin}${requestUrl(req)}`));
  return parts.join(' ');
}
