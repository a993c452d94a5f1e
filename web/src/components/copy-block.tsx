/** A ready-to-copy block of text (an install command) with a labelled copy button. */
import { useState } from 'react';

export function CopyBlock({ label, text, testId }: { label: string; text: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <figure className="copy-block">
      <figcaption>{label}</figcaption>
      <pre className="copyable" data-testid={testId}>
        {text}
      </pre>
      <button type="button" onClick={copy} aria-label={`Copy: ${label}`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </figure>
  );
}
