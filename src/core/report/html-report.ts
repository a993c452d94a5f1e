import type { Finding, ScanResult } from '../matcher/types.js';
import { severityNames } from '../matcher/types.js';
import {
  filteredLines,
  fixText,
  helpUri,
  severitiesDesc,
  sortFindings,
  summarize,
  webUrl,
} from './report-summary.js';
import type { ReportFormat } from './report-types.js';
import { escapeXml as h } from './xml-escape.js';

/**
 * One self-contained HTML file (inline CSS, no scripts, no external assets), so it can
 * be attached to a CI run or mailed. Every value from the scan is escaped: advisory
 * text is third-party input.
 */
const css = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1f2328;background:#fff}
h1{font-size:1.4rem;margin:0 0 .25rem}.meta{color:#59636e;margin:0 0 1.5rem}
.cards{display:flex;gap:.75rem;flex-wrap:wrap;margin-bottom:1.5rem}
.card{border-radius:8px;padding:.75rem 1rem;min-width:7.5rem;color:#fff}
.card .n{font-size:1.6rem;font-weight:700;display:block}.card .p{font-size:.8rem;opacity:.9}
.s5{background:#8b0000}.s4{background:#d1242f}.s3{background:#bf8700}.s2{background:#0969da}.s1{background:#6e7781}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d1d9e0;vertical-align:top}
th{background:#f6f8fa}.sev{color:#fff;border-radius:4px;padding:0 .4rem;font-size:.8rem;white-space:nowrap}
code{font-size:.85em}.muted{color:#59636e}h2{font-size:1.1rem;margin-top:2rem}
details{margin-top:.25rem}summary{cursor:pointer;color:#59636e}.desc{white-space:pre-wrap;margin:.25rem 0}
`;

/** A reference as a link only when it is an http(s) URL; anything else is shown as inert text. */
function referenceItem(reference: string): string {
  const url = webUrl(reference);
  return url
    ? `<li><a href="${h(url)}" rel="noreferrer">${h(reference)}</a></li>`
    : `<li><code>${h(reference)}</code></li>`;
}

/** The title, then the advisory's description and references folded away. */
function about(f: Finding): string {
  const title = h(f.summary ?? '');
  if (!f.description && f.references.length === 0) return title;
  const description = f.description ? `<p class="desc">${h(f.description)}</p>` : '';
  const references = f.references.length > 0 ? `<ul>${f.references.map(referenceItem).join('')}</ul>` : '';
  return `${title}<details><summary>details</summary>${description}${references}</details>`;
}

function row(f: Finding, reason?: string): string {
  const p = f.package;
  const cells = [
    `<a href="${h(helpUri(f))}" rel="noreferrer">${h(f.id)}</a>${f.aliases.length ? `<div class="muted">${h(f.aliases.join(', '))}</div>` : ''}`,
    `<span class="sev s${f.severity}">${severityNames[f.severity]}</span>`,
    f.cvss ? h(f.cvss.score.toFixed(1)) : '<span class="muted">-</span>',
    `${h(p.name)}<div class="muted">${h(p.type)} · <code>${h(p.location.path)}</code>${p.location.layer ? ` · layer ${p.location.layer.index}` : ''}</div>`,
    h(f.installedVersion),
    h(fixText(f)),
    reason !== undefined ? h(reason) : about(f),
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

function findingsTable(rows: string[], lastColumn: string): string {
  const head = ['ID', 'Severity', 'CVSS', 'Package', 'Installed', 'Fixed in', lastColumn];
  return `<table><thead><tr>${head.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

export function buildHtml(result: ScanResult): string {
  const s = summarize(result);
  const { image, os } = result.sbom;
  const cards = severitiesDesc
    .map((sev) => {
      const c = s.bySeverity[severityNames[sev]] ?? { total: 0, patchable: 0 };
      // A level the filter hid is not "0": say how many it hid.
      const hidden = s.filtered.bySeverity[severityNames[sev]];
      const n = hidden ? '-' : String(c.total);
      const p = hidden ? `${hidden} filtered out` : `${c.patchable} patchable`;
      return `<div class="card s${sev}"><span class="n" data-severity="${severityNames[sev]}">${n}</span>${severityNames[sev]}<div class="p">${p}</div></div>`;
    })
    .join('\n');
  const main =
    s.total > 0
      ? findingsTable(
          sortFindings(result.findings).map((f) => row(f)),
          'Summary',
        )
      : s.filtered.total > 0 ||
          (result.warnings ?? []).some((w) => w.kind === 'missing-data' || w.kind === 'no-packages')
        ? '<p>No vulnerabilities shown (see the warnings and filters above).</p>'
        : '<p>No vulnerabilities found.</p>';
  // What the scan could not vouch for, and what the filters left out, above everything else.
  const notes = [
    ...(result.warnings ?? []).map((w) => `<li class="warning">WARNING: ${h(w.message)}</li>`),
    ...filteredLines(s).map((line) => `<li>${h(line)}</li>`),
  ];
  const warnings = notes.length > 0 ? `<ul class="warnings">\n${notes.join('\n')}\n</ul>\n` : '';
  const suppressed =
    result.suppressed.length > 0
      ? `<h2>Suppressed (${result.suppressed.length})</h2>\n${findingsTable(
          result.suppressed.map((x) => row(x.finding, x.reason)),
          'Reason',
        )}`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bulwark report: ${h(image.ref)}</title>
<style>${css}</style>
</head>
<body>
<h1>${h(image.ref)}</h1>
<p class="meta"><code>${h(image.imageId)}</code> · ${h(os?.name || os?.family || 'unknown OS')} · scanned ${h(result.scannedAt)} · ${s.total} findings, ${s.patchable} patchable, ${s.suppressed} suppressed</p>
${warnings}<div class="cards">
${cards}
</div>
${main}
${suppressed}
</body>
</html>
`;
}

export const htmlReport: ReportFormat = {
  name: 'html',
  description: 'a self-contained HTML page',
  write: (result) => buildHtml(result),
};
