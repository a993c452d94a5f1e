/** "Equivalent API request": the curl for what is on screen, with a copy button. */
import { useState } from 'react';
import type { ApiRequest } from '../lib/api-client';
import { curlFor } from '../lib/curl';

export function EquivalentRequest({ request }: { request: ApiRequest }) {
  const [copied, setCopied] = useState(false);
  const curl = curlFor(request);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(curl);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <details className="equivalent-request">
      <summary>Equivalent API request</summary>
      <div className="curl-row">
        <code data-testid="curl">{curl}</code>
        <button type="button" onClick={copy} aria-label="Copy the curl command">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="hint">Set BULWARK_TOKEN to an API token (user menu → API tokens).</p>
    </details>
  );
}
