import { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import type { ScanResult } from '../../core/matcher/types.js';
import { evaluatePolicy, hasConditions } from '../../core/policy/fail-conditions.js';
import { reportFormats, writeReport } from '../../core/report/reports.js';
import { scanImage, scanSbomFile } from '../../core/scan/scan-image.js';
import { emit, useColor, warn } from '../output.js';
import { terminalProgress } from '../progress.js';
import { addSourceOptions, type SourceFlags, toGenerateOptions } from '../source-options.js';
import { uploadSbom, uploadTarget } from '../upload.js';
import { addScanOptions, type ScanFlags, toFailConditions, toFilters } from './scan-options.js';

const formatNames: readonly string[] = reportFormats.map((format) => format.name);

function checkFormat(format: string): void {
  if (!formatNames.includes(format)) {
    throw new BulwarkError('USAGE', `--format "${format}": expected one of ${formatNames.join(', ')}`);
  }
}

/** Writes the report, then applies the fail conditions: exit code 0, or the gate's code. */
async function finish(result: ScanResult, flags: ScanFlags): Promise<void> {
  await emit(writeReport(flags.format, result, { color: useColor(flags.output) }), flags.output);
  const conditions = toFailConditions(flags);
  if (!hasConditions(conditions)) return;
  const verdict = evaluatePolicy(result, conditions);
  for (const reason of verdict.reasons) process.stderr.write(`fail: ${reason}\n`);
  if (verdict.failed) process.exitCode = verdict.exitCode;
}

function imageCommand(): Command {
  const command = new Command('image')
    .description('scan an image for known vulnerabilities (REF as for `bulwark sbom`)')
    .argument('<ref>', 'image reference');
  addSourceOptions(command);
  addScanOptions(command, formatNames);
  command.option(
    '--upload <url>',
    'also upload the SBOM to a Bulwark server (API token in BULWARK_TOKEN), as source CLI',
  );
  command.action(async (ref: string, flags: ScanFlags & SourceFlags & { upload?: string }) => {
    checkFormat(flags.format);
    const upload = flags.upload ? uploadTarget(flags.upload) : undefined;
    // Read filters and gates before the (possibly long) image read: bad flags fail fast.
    const filters = await toFilters(flags);
    toFailConditions(flags);
    const progress = terminalProgress(ref);
    const result = await scanImage(ref, {
      ...(flags.db ? { dbPath: flags.db } : {}),
      filters,
      onWarning: warn,
      sbom: { ...toGenerateOptions(flags), ...(progress ? { onProgress: progress } : {}) },
    });
    for (const unknown of result.sbom.unknowns)
      warn(`${unknown.path}: ${unknown.reason} (${unknown.analyzer})`);
    await finish(result, flags);
    if (upload) {
      const sent = await uploadSbom(upload, result.sbom);
      process.stderr.write(`uploaded the SBOM (${sent.software} packages) to ${flags.upload}\n`);
    }
  });
  return command;
}

function sbomFileCommand(): Command {
  const command = new Command('sbom')
    .description('scan an SBOM file (CycloneDX JSON, SPDX JSON or Bulwark JSON) for known vulnerabilities')
    .argument('<file>', 'SBOM file');
  addScanOptions(command, formatNames);
  command.action(async (file: string, flags: ScanFlags) => {
    checkFormat(flags.format);
    const filters = await toFilters(flags);
    toFailConditions(flags);
    const result = await scanSbomFile(file, {
      ...(flags.db ? { dbPath: flags.db } : {}),
      filters,
      onWarning: warn,
    });
    await finish(result, flags);
  });
  return command;
}

export function scanCommand(): Command {
  return new Command('scan')
    .summary('find known vulnerabilities in an image or an SBOM')
    .description(
      'find known vulnerabilities in an image or an SBOM\n\n' +
        'Exit codes: 0 no fail condition met, 1 (or --exit-code) a fail condition met, 2 an error.',
    )
    .addCommand(imageCommand())
    .addCommand(sbomFileCommand());
}
