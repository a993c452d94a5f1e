import { Command } from 'commander';
import { AdvisoryStore } from '../../core/advisory/store.js';
import { BulwarkError } from '../../core/errors.js';
import type { Evaluation } from '../../core/matcher/match-engine.js';
import { recordTitle } from '../../core/matcher/title.js';
import type { Sbom } from '../../core/sbom/model.js';
import { type Explanation, explainVulnerability } from '../../core/scan/explain.js';
import { generateSbom } from '../../core/scan/generate-sbom.js';
import { dbPathFromFlag } from '../db-flag.js';
import { readSbomFile, resolveTarget } from '../input.js';
import { emit } from '../output.js';
import { terminalProgress } from '../progress.js';
import { addSourceOptions, type SourceFlags, toGenerateOptions } from '../source-options.js';

interface ExplainFlags extends SourceFlags {
  db?: string;
  output?: string;
  format: string;
}

/** `explain --format json`: the same decisions as data, for scripts and tickets. */
function explanationJson(explanation: Explanation, ref: string, dbPath: string) {
  return {
    vulnerabilityId: explanation.vulnerabilityId,
    target: ref,
    db: dbPath,
    known: explanation.known,
    affected: explanation.evaluations.some((e) => e.status === 'affected'),
    evaluations: explanation.evaluations.map((e) => ({
      status: e.status,
      reason: e.reason,
      advisory: { id: e.record.id, summary: recordTitle(e.record) ?? null },
      package: {
        type: e.package.type,
        name: e.package.name,
        version: e.package.version,
        purl: e.package.purl ?? null,
        path: e.package.location.path,
        layerIndex: e.package.location.layer?.index ?? null,
      },
      fixedVersions: e.fixed,
      evidence: e.evidence,
    })),
  };
}

function fixesOf(evaluation: Evaluation): string {
  return evaluation.fixed.length > 0 ? evaluation.fixed.join(', ') : 'none yet';
}

function describe(evaluation: Evaluation): string[] {
  const { package: pkg, evidence, record } = evaluation;
  const via =
    evidence.via === 'source'
      ? ` (through source package ${evidence.packageName} ${evidence.comparedVersion})`
      : '';
  const lines = [
    `${pkg.name} ${pkg.version}${via}: ${evaluation.status === 'affected' ? 'AFFECTED' : 'not affected'}`,
    `  advisory:   ${record.id}${record.summary ? ` — ${record.summary}` : ''}`,
    `  ecosystem:  ${evidence.ecosystem}, compared with ${evidence.comparator}`,
    `  verdict:    ${evaluation.reason}`,
  ];
  if (evidence.range)
    lines.push(`  range:      ${evidence.range.type} ${JSON.stringify(evidence.range.events)}`);
  if (evidence.matchedVersionList)
    lines.push('  versions:   the installed version is listed by the advisory');
  lines.push(`  fixed in:   ${fixesOf(evaluation)}`);
  if (pkg.location.layer)
    lines.push(`  layer:      ${pkg.location.layer.index} ${pkg.location.layer.diffID}`);
  return lines;
}

export function explainCommand(): Command {
  const command = new Command('explain')
    .description('say whether and why an image is affected by one vulnerability (CVE, GHSA, DSA… id)')
    .argument('<vuln-id>', 'vulnerability id or alias')
    .argument('[ref]', 'image reference or path, as for `bulwark sbom` (or --input)')
    .option(
      '--db <path>',
      'vulnerability database (default: BULWARK_DB_DIR/vuln.db or ~/.cache/bulwark/db/vuln.db)',
    )
    .option('-o, --output <file>', 'write the explanation to a file instead of stdout (- for stdout)')
    .option('-f, --format <format>', 'text or json', (v: string) => v.toLowerCase(), 'text');
  addSourceOptions(command);
  command.action(async (vulnId: string, refArg: string | undefined, flags: ExplainFlags) => {
    if (flags.format !== 'text' && flags.format !== 'json')
      throw new BulwarkError('USAGE', `--format "${flags.format}": expected text or json`);
    const target = await resolveTarget(refArg, flags.input);
    const ref = target.kind === 'sbom' ? target.path : target.ref;
    const store = AdvisoryStore.open(dbPathFromFlag(flags.db));
    try {
      let sbom: Sbom;
      if (target.kind === 'sbom') sbom = await readSbomFile(target.path);
      else {
        const progress = terminalProgress(target.ref);
        sbom = await generateSbom(target.ref, {
          ...toGenerateOptions(flags),
          ...(progress ? { onProgress: progress } : {}),
        });
      }
      const explanation = explainVulnerability(sbom, store, vulnId);
      if (flags.format === 'json') {
        await emit(JSON.stringify(explanationJson(explanation, ref, store.path), null, 2), flags.output);
        return;
      }
      const lines: string[] = [];
      const affected = explanation.evaluations.filter((e) => e.status === 'affected');
      if (!explanation.known) {
        lines.push(`${vulnId}: not in the vulnerability database (${store.path}); nothing to compare`);
      } else if (explanation.evaluations.length === 0) {
        lines.push(`${ref} is NOT affected by ${vulnId}: no package in the image is named by its advisories`);
      } else if (affected.length === 0) {
        lines.push(`${ref} is NOT affected by ${vulnId}:`);
      } else {
        lines.push(
          `${ref} IS affected by ${vulnId} (${affected.length} package${affected.length === 1 ? '' : 's'}):`,
        );
      }
      for (const evaluation of explanation.evaluations) lines.push('', ...describe(evaluation));
      await emit(lines.join('\n'), flags.output);
    } finally {
      store.close();
    }
  });
  return command;
}
