import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import type { ScanResult } from '../../core/matcher/types.js';
import { evaluatePolicy, hasConditions } from '../../core/policy/fail-conditions.js';
import { reportFormats, writeReport } from '../../core/report/reports.js';
import { scanImage, scanSbomFile } from '../../core/scan/scan-image.js';
import { ensureDatabase } from '../db-auto-update.js';
import { dbPathFromFlag } from '../db-flag.js';
import { resolveTarget } from '../input.js';
import { emit, terminalWidth, useColor, warn } from '../output.js';
import { terminalProgress } from '../progress.js';
import { checkScanners, parsePackageTypes } from '../scan-choices.js';
import { addSourceOptions, type SourceFlags, toGenerateOptions } from '../source-options.js';
import { uploadSbom, uploadTarget } from '../upload.js';
import {
  addScanOptions,
  type ScanFlags,
  toDbMaxAgeDays,
  toFailConditions,
  toFilters,
} from './scan-options.js';

const formatNames: readonly string[] = reportFormats.map((format) => format.name);

function checkFormat(format: string, template: string | undefined): void {
  if (!formatNames.includes(format)) {
    throw new BulwarkError('USAGE', `--format "${format}": expected one of ${formatNames.join(', ')}`);
  }
  if (format === 'template' && !template)
    throw new BulwarkError('USAGE', '--format template needs --template TEXT or --template @FILE');
}

/** `--template @FILE` reads the file, as Trivy's `--template "@contrib/html.tpl"` does. */
async function templateText(template: string | undefined): Promise<string | undefined> {
  if (!template?.startsWith('@')) return template;
  const path = template.slice(1);
  return readFile(path, 'utf8').catch((err: unknown) => {
    throw new BulwarkError('IO', `--template ${path}: cannot read (${(err as Error).message})`, {
      cause: err,
    });
  });
}

/** Writes the report, then applies the fail conditions: exit code 0, or the gate's code. */
async function finish(result: ScanResult, flags: ScanFlags): Promise<void> {
  const look = {
    color: useColor(flags.output),
    width: terminalWidth(flags.output),
    listAllPackages: flags.listAllPkgs === true,
    ...(flags.format === 'template' ? { template: await templateText(flags.template) } : {}),
  };
  await emit(writeReport(flags.format, result, look), flags.output);
  // The table carries the warnings itself; other formats (and files) get them on stderr too.
  if (flags.format !== 'table' || (flags.output && flags.output !== '-')) {
    for (const warning of result.warnings ?? []) warn(warning.message);
  }
  const conditions = toFailConditions(flags);
  if (!hasConditions(conditions)) return;
  const verdict = evaluatePolicy(result, conditions);
  for (const note of verdict.notes) process.stderr.write(`note: ${note}\n`);
  for (const reason of verdict.reasons) process.stderr.write(`fail: ${reason}\n`);
  if (verdict.failed) process.exitCode = verdict.exitCode;
}

function imageCommand(): Command {
  const command = new Command('image')
    .description(
      'scan an image for known vulnerabilities (REF as for `bulwark sbom`; an SBOM file path is scanned as such)',
    )
    .argument('[ref]', 'image reference or path (or --input)');
  addSourceOptions(command);
  addScanOptions(command, formatNames);
  command.option(
    '--upload <url>',
    'also upload the SBOM to a Bulwark server (API token in BULWARK_TOKEN), as source CLI',
  );
  command.action(async (refArg: string | undefined, flags: ScanFlags & SourceFlags & { upload?: string }) => {
    checkFormat(flags.format, flags.template);
    const upload = flags.upload ? uploadTarget(flags.upload) : undefined;
    // Read filters and gates before the (possibly long) image read: bad flags fail fast.
    const filters = await toFilters(flags);
    toFailConditions(flags);
    checkScanners(flags.scanners);
    const packageTypes = parsePackageTypes(flags.pkgTypes);
    const dbPath = dbPathFromFlag(flags.db);
    const target = await resolveTarget(refArg, flags.input);
    await ensureDatabase(dbPath, flags);
    const dbMaxAgeDays = toDbMaxAgeDays(flags);
    if (target.kind === 'sbom') {
      await finish(
        await scanSbomFile(target.path, {
          dbPath,
          filters,
          onWarning: warn,
          dbMaxAgeDays,
          ...(packageTypes ? { packageTypes } : {}),
        }),
        flags,
      );
      return;
    }
    const progress = terminalProgress(target.ref);
    const result = await scanImage(target.ref, {
      dbPath,
      filters,
      onWarning: warn,
      dbMaxAgeDays,
      ...(packageTypes ? { packageTypes } : {}),
      sbom: { ...toGenerateOptions(flags), ...(progress ? { onProgress: progress } : {}) },
    });
    for (const unknown of result.sbom.unknowns)
      warn(`${unknown.path}: ${unknown.reason} (${unknown.analyzer})`);
    // Upload before the gates: a failing gate still lands the scan in the inventory.
    if (upload) {
      const sent = await uploadSbom(upload, result.sbom);
      process.stderr.write(`uploaded the SBOM (${sent.software} packages) to ${flags.upload}\n`);
    }
    await finish(result, flags);
  });
  return command;
}

function sbomFileCommand(): Command {
  const command = new Command('sbom')
    .description('scan an SBOM file (CycloneDX JSON, SPDX JSON or Bulwark JSON) for known vulnerabilities')
    .argument('<file>', 'SBOM file');
  addScanOptions(command, formatNames);
  command.action(async (file: string, flags: ScanFlags) => {
    checkFormat(flags.format, flags.template);
    const filters = await toFilters(flags);
    toFailConditions(flags);
    checkScanners(flags.scanners);
    const packageTypes = parsePackageTypes(flags.pkgTypes);
    const dbPath = dbPathFromFlag(flags.db);
    await ensureDatabase(dbPath, flags);
    const result = await scanSbomFile(file, {
      dbPath,
      ...(packageTypes ? { packageTypes } : {}),
      filters,
      onWarning: warn,
      dbMaxAgeDays: toDbMaxAgeDays(flags),
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
        'Exit codes: 0 no fail condition met, 1 (or --exit-code) a fail condition met, 2 an error.\n' +
        '--exit-code N alone fails on any finding shown (Trivy: --exit-code 1 --severity CRITICAL,HIGH);\n' +
        'with --fail-max/--fail-on-severity/--fail-cvss/--fail-id those decide and N is the code.\n' +
        'UNKNOWN findings count only with --fail-on-unknown or --unknown-as LEVEL.',
    )
    .addCommand(imageCommand(), { isDefault: true })
    .addCommand(sbomFileCommand());
}
