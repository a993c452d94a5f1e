/**
 * `bulwark ci`: the reference's Jenkins and Bamboo plugins as one command any CI system can
 * call. Parsing and printing only; the run itself is src/ci/run-ci.ts.
 */
import { Command } from 'commander';
import type { CiRunSummary } from '../../ci/ci-summary.js';
import { ciExitCodes } from '../../ci/exit-codes.js';
import { runCi } from '../../ci/run-ci.js';
import { isQuiet, warn } from '../output.js';
import { type CiFlags, toCiSettings } from './ci-options.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function printSummary(summary: CiRunSummary): string {
  const lines: string[] = [];
  for (const image of summary.images) {
    const verdict = image.failed ? 'FAIL' : image.outcome === 'complete' ? 'PASS' : 'PASS (not checked)';
    const counts = image.severityCounts
      ? Object.entries(image.severityCounts)
          .reverse()
          .map(([name, n]) => `${name} ${n}`)
          .join(', ')
      : image.outcome === 'refused'
        ? 'refused by the server'
        : 'NO RESULTS: not checked';
    lines.push(`${image.imageId}  ${verdict}  ${counts}`);
    for (const reason of image.reasons) lines.push(`  fail: ${reason}`);
    for (const note of image.notes) lines.push(`  note: ${note}`);
    if (image.excluded.length > 0) lines.push(`  excluded: ${image.excluded.join(', ')}`);
    for (const report of image.reports) lines.push(`  report: ${report}`);
  }
  const unchecked = summary.checked ? '' : `, NOT CHECKED: ${summary.notChecked.join(', ')}`;
  lines.push(`result: ${summary.passed ? 'PASS' : 'FAIL'}${unchecked} (exit ${summary.exitCode})`);
  return `${lines.join('\n')}\n`;
}

export function ciCommand(): Command {
  return new Command('ci')
    .summary('CI gate: tag built images for the CI/CD sensor, wait for results, apply fail conditions')
    .description(
      [
        'CI gate: tag built images for the CI/CD sensor, poll the server until their results are ready (204 while processing, 200 when complete), apply fail conditions, write reports, post a webhook.',
        '',
        'Exit codes:',
        `  ${ciExitCodes.pass}  pass (also: no results and no fail conditions set; a warning says so)`,
        `  ${ciExitCodes.policyFail}  a fail condition met by at least one image`,
        `  ${ciExitCodes.usage}  bad flags or input (e.g. an unknown image id)`,
        `  ${ciExitCodes.noResults}  no results within --timeout (or nothing checked) while fail conditions are set`,
        `  ${ciExitCodes.refused}  the server refused the request (400, 401, 403)`,
        '',
        'Settings come from flags, BULWARK_* variables, or the `ci:` section of the config file (docs/ci.md).',
      ].join('\n'),
    )
    .option('--image-ids <ids>', 'Docker image ids, one or comma-separated (default: IMAGE_ID)')
    .option(
      '--server <url>',
      'Bulwark server URL (API token in BULWARK_TOKEN, or --user with BULWARK_PASSWORD)',
    )
    .option('--user <name>', 'API user for Basic auth; the password is read from BULWARK_PASSWORD')
    .option(
      '--docker-host <url>',
      'Docker Engine: unix:///path or tcp://host:port (default: DOCKER_HOST or the local socket)',
    )
    .option('--docker-cert-path <dir>', 'ca.pem, cert.pem and key.pem for a TLS tcp:// Docker Engine')
    .option('--trigger-tag <name>', 'the CI/CD sensor trigger tag (repository name)', 'bulwark_scan_target')
    .option('--no-tag', 'do not tag the images (they are already tagged, or scanned another way)')
    .option('--poll-interval <duration>', 'how often to ask the server: seconds or 10s, 1m', '10s')
    .option('--timeout <duration>', 'stop polling after this: seconds or 90s, 10m', '10m')
    .option(
      '--fail-on-severity <counts>',
      'fail when more than COUNT findings have SEVERITY (1-5 or a name): 5=0,4=3; or one severity: any finding at or above it (repeatable)',
      collect,
      [],
    )
    .option('--fail-cvss <score>', 'fail on any finding whose CVSS base score is at least this')
    .option('--cvss-version <2|3|any>', 'which CVSS scores --fail-cvss reads (default: any)')
    .option(
      '--fail-id <ids>',
      'fail whenever one of these vulnerability ids (or aliases) is found (repeatable, comma-separated)',
      collect,
      [],
    )
    .option('--fail-only-patchable', 'fail conditions count only findings that have a fix')
    .option(
      '--exclude-id <ids>',
      'vulnerability ids (or aliases) left out of every condition (repeatable, comma-separated)',
      collect,
      [],
    )
    .option('--webhook <url>', 'POST the results (JSON) to this URL; a job flag wins over the config file')
    .option('--report-dir <dir>', 'write one report per image and format here')
    .option(
      '--report-formats <list>',
      'report formats for --report-dir: html, junit, sarif',
      'html,junit,sarif',
    )
    .option('--json', 'print the run summary (the webhook body) as JSON instead of text')
    .action(async (flags: CiFlags & { json?: boolean }) => {
      const settings = toCiSettings(flags);
      const log = (line: string) => {
        if (!isQuiet()) process.stderr.write(`ci: ${line}\n`);
      };
      const summary = await runCi(settings, { log, warn });
      process.stdout.write(flags.json ? `${JSON.stringify(summary, null, 2)}\n` : printSummary(summary));
      if (summary.exitCode !== ciExitCodes.pass) process.exitCode = summary.exitCode;
    });
}
