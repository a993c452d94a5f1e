import { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import { encodeSbom, sbomFormats } from '../../core/sbom/format/sbom-formats.js';
import { generateSbom } from '../../core/scan/generate-sbom.js';
import { emit, useColor, warn } from '../output.js';
import { terminalProgress } from '../progress.js';
import { addSourceOptions, type SourceFlags, toGenerateOptions } from '../source-options.js';

interface SbomFlags extends SourceFlags {
  format: string;
  output?: string;
}

export function sbomCommand(): Command {
  const command = new Command('sbom')
    .summary('list the software in an image (CycloneDX, SPDX, JSON, table)')
    .description(
      'list the software in an image\n\n' +
        'REF is one of docker-archive:PATH, oci:DIR[:tag], oci-archive:PATH, docker:NAME_OR_ID,\n' +
        'registry:HOST/REPO[:tag|@digest], dir:PATH (a directory, e.g. a checkout), rootfs:PATH\n' +
        '(an unpacked root filesystem), or a bare reference (the local daemon, then the registry).',
    )
    .argument('<ref>', 'image reference')
    .option('-f, --format <format>', `output format: ${sbomFormats.map((f) => f.name).join(', ')}`, 'table')
    .option('-o, --output <file>', 'write to a file instead of stdout');
  addSourceOptions(command);
  command.action(async (ref: string, flags: SbomFlags) => {
    // Check the format before the (possibly long) scan.
    if (!sbomFormats.some((f) => f.name === flags.format)) {
      const names = sbomFormats.map((f) => f.name).join(', ');
      throw new BulwarkError('USAGE', `--format "${flags.format}": expected one of ${names}`);
    }
    const progress = terminalProgress(ref);
    const sbom = await generateSbom(ref, {
      ...toGenerateOptions(flags),
      ...(progress ? { onProgress: progress } : {}),
    });
    for (const unknown of sbom.unknowns) warn(`${unknown.path}: ${unknown.reason} (${unknown.analyzer})`);
    await emit(encodeSbom(flags.format, sbom, { color: useColor(flags.output) }), flags.output);
  });
  return command;
}
