import type { OsvRecord } from '../advisory/osv-types.js';

/** Longest title kept; longer first sentences are cut at a word with an ellipsis. */
const maxTitle = 160;

/**
 * The first sentence of an advisory's free text: up to the first full stop followed
 * by a space or line break, or the first blank line, with Markdown headings and
 * line breaks flattened. Distro trackers (Debian, Alpine) carry no `summary`; their
 * `details` start with the upstream description, whose first sentence is the title.
 */
export function firstSentence(details: string): string | undefined {
  const paragraph = details.trim().split(/\n\s*\n/)[0] ?? '';
  const flat = paragraph
    .replace(/^#+\s*/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat === '') return undefined;
  const stop = /[.!?](?=\s|$)/.exec(flat);
  const sentence = stop ? flat.slice(0, stop.index + 1) : flat;
  if (sentence.length <= maxTitle) return sentence;
  const cut = sentence.slice(0, maxTitle);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > maxTitle / 2 ? space : maxTitle)}…`;
}

/** Every finding has a title: the OSV `summary`, else the first sentence of `details`. */
export function recordTitle(record: Pick<OsvRecord, 'summary' | 'details'>): string | undefined {
  const summary = typeof record.summary === 'string' ? record.summary.trim() : '';
  if (summary) return summary;
  return typeof record.details === 'string' ? firstSentence(record.details) : undefined;
}
