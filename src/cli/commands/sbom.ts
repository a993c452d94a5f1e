import { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import { encodeSbom, sbomFormats } from '../../core/sbom/format/sbom-formats.js';
import type { Sbom } from '../../core/sbom/model.js';
import { restrictPackages } from '../../core/sbom/package-types.js';
import { generateSbom } from '../../core/scan/generate-sbom.js';
import { readSbomFile, resolveTarget } from '../input.js';
import { emit, useColor, warn } from '../output.js';
import { terminalProgress } from '../progress.js';
import { parsePackageTypes } from '../scan-choices.js';
import { addSourceOptions, type SourceFlags, toGenerateOptions } from '../source-options.js';

interface SbomFlags extends SourceFlags {
  format: string;
  output?: string;
  pkgTypes?: string;
}

const lowerCase = (value: string): string => value.toLowerCase();

export function sbomCommand(): Command {
  const command = new Command('sbom')
    .summary('list the software in an image (CycloneDX, SPDX, JSON, table)')
    .description(
      'list the software in an image\n\n' +
        'REF is one of docker-archive:PATH, oci:DIR[:tag], oci-archive:PATH, docker:NAME_OR_ID,\n' +
        'registry:HOST/REPO[:tag|@digest], dir:PATH (a directory, e.g. a checkout), rootfs:PATH\n' +
        '(an unpacked root filesystem), a path (an image archive, OCI layout directory or SBOM\n' +
        'file, recognised by its content), or a bare reference (the local daemon, then the registry).',
    )
    .argument('[ref]', 'image reference or path (or --input)')
    .option(
      '-f, --format <format>',
      `output format: ${sbomFormats.map((f) => f.name).join(', ')}`,
      lowerCase,
      'table',
    )
    .option('-o, --output <file>', 'write to a file instead of stdout (- for stdout)')
    .option('--pkg-types <list>', 'list only these kinds of package: os, library (default: both)');
  addSourceOptions(command);
  command.action(async (ref: string | undefined, flags: SbomFlags) => {
    // Check the format before the (possibly long) scan.
    if (!sbomFormats.some((f) => f.name === flags.format)) {
      const names = sbomFormats.map((f) => f.name).join(', ');
      throw new BulwarkError('USAGE', `--format "${flags.format}": expected one of ${names}`);
    }
    const packageTypes = parsePackageTypes(flags.pkgTypes);
    const target = await resolveTarget(ref, flags.input);
    let sbom: Sbom;
    if (target.kind === 'sbom') {
      sbom = await readSbomFile(target.path);
    } else {
      const progress = terminalProgress(target.ref);
      sbom = await generateSbom(target.ref, {
        ...toGenerateOptions(flags),
        ...(progress ? { onProgress: progress } : {}),
      });
    }
    for (const unknown of sbom.unknowns) warn(`${unknown.path}: ${unknown.reason} (${unknown.analyzer})`);
    sbom = restrictPackages(sbom, packageTypes);
    await emit(encodeSbom(flags.format, sbom, { color: useColor(flags.output) }), flags.output);
  });
  return command;
}
