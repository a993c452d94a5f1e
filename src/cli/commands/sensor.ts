/**
 * `bulwark sensor` runs the General, CI/CD (-c) or registry (-r) sensor; `bulwark sensor diagnose` writes the
 * support archive. Parameters come as flags, as the reference's `Name=Value` words
 * (`ActivationId=… Storage=…`), from `BULWARK_SENSOR_*` variables or a config file; the
 * sensor code loads only when the command runs.
 */
import { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import type { RawSources, SensorOptions } from '../../sensor/config/sensor-options.js';

type Flags = Record<string, string | boolean | undefined>;

const FLAG_KEYS: [string, keyof SensorOptions][] = [
  ['activationId', 'activationId'],
  ['customerId', 'customerId'],
  ['storage', 'storage'],
  ['serverUrl', 'serverUrl'],
  ['logLevel', 'logLevel'],
  ['enableConsoleLogs', 'consoleLogs'],
  ['cpuUsageLimit', 'cpuUsageLimit'],
  ['concurrentScan', 'concurrentScan'],
  ['proxy', 'proxy'],
  ['proxyCertFile', 'proxyCertFile'],
  ['dockerHost', 'dockerHost'],
  ['dockerCertPath', 'dockerCertPath'],
  ['hostIdSearchDir', 'hostIdSearchDir'],
  ['silent', 'silent'],
  ['triggerTag', 'triggerTag'],
  ['scanIntervalHours', 'scanIntervalHours'],
  ['labelScope', 'labelScope'],
  ['heartbeatSeconds', 'heartbeatSeconds'],
  ['queueLimit', 'queueLimit'],
];

function withParams(cmd: Command): Command {
  return (
    cmd
      .argument('[params...]', 'reference-style Name=Value parameters, e.g. ActivationId=… Storage=…')
      .option('--activation-id <uuid>', 'ActivationId from the server')
      .option('--customer-id <uuid>', 'CustomerId from the server')
      .option('--storage <dir>', 'persistent directory: identity, upload queue, layer cache, logs')
      .option('--server-url <url>', 'the Bulwark server, http(s)://host:port')
      .option('--log-level <0-5>', '0 nothing, 1 errors, 2 warnings, 3 info (default), 4 debug, 5 trace')
      .option('--enable-console-logs', 'also log to the console')
      .option('--cpu-usage-limit <0-100>', 'CPU limit in percent (0: none)')
      .option('--concurrent-scan <n>', 'scans run at once (default 2)')
      .option('--proxy <host:port|url>', 'HTTPS proxy towards the server')
      .option('--proxy-cert-file <file>', 'CA certificate of the proxy (used only with --proxy)')
      .option('--docker-host <unix:///path|tcp://host:port>', 'Docker Engine to watch')
      .option('--docker-cert-path <dir>', 'ca.pem/cert.pem/key.pem for a tcp DockerHost')
      .option('--host-id-search-dir <dir>', 'where another agent leaves its host id marker')
      .option('-c, --cicd-deployed-sensor', 'CI/CD mode: scan only images carrying the trigger tag')
      .option(
        '-r, --registry-sensor',
        "registry mode: run the server's registry scan jobs (no Docker needed)",
      )
      .option('-s, --silent', 'non-interactive: never prompt')
      .option('--trigger-tag <name>', 'CI/CD trigger tag repository (default bulwark_scan_target)')
      .option(
        '--scan-interval-hours <h>',
        'rescan running containers after this long (default 48, at least 12)',
      )
      .option('--label-scope <key=value>', 'watch only images and containers carrying this label')
      .option('--heartbeat-seconds <s>', 'heartbeat interval (default 60)')
      .option('--queue-limit <n>', 'most undelivered uploads kept on disk (default 10000)')
      // Not `--config`: every command already takes that for bulwark.yaml (src/cli/global-options.ts).
      .option('--sensor-config <file>', 'TOML sensor config file (default <Storage>/sensor.toml)')
  );
}

/** Flags first; `Name=Value` words next (they are flags too, in the reference's spelling). */
function rawSources(params: string[], flags: Flags, activationOptional: boolean): RawSources {
  const byFlag: RawSources['flags'] = {};
  const refNames: Record<string, keyof SensorOptions> = {};
  for (const [flag, key] of FLAG_KEYS) refNames[flag.toLowerCase()] = key;
  refNames.enableconsolelogs = 'consoleLogs';
  for (const word of params) {
    const eq = word.indexOf('=');
    const key = eq > 0 ? refNames[word.slice(0, eq).toLowerCase()] : undefined;
    if (!key) throw new BulwarkError('USAGE', `"${word}" is not a Name=Value sensor parameter`);
    byFlag[key] = word.slice(eq + 1);
  }
  for (const [flag, key] of FLAG_KEYS) if (flags[flag] !== undefined) byFlag[key] = flags[flag];
  return {
    flags: byFlag,
    env: process.env,
    configFile: typeof flags.sensorConfig === 'string' ? flags.sensorConfig : undefined,
    cicd: flags.cicdDeployedSensor === true,
    registry: flags.registrySensor === true,
    activationOptional,
  };
}

export function sensorCommand(): Command {
  const cmd = withParams(new Command('sensor'))
    .description(
      'Run the Bulwark sensor: on a Docker host (General mode, or CI/CD with -c), or for registries (-r)',
    )
    .action(async (params: string[], flags: Flags) => {
      const { resolveSensorOptions } = await import('../../sensor/config/sensor-options.js');
      const opts = resolveSensorOptions(rawSources(params, flags, false));
      const agent =
        opts.mode === 'registry'
          ? new (await import('../../sensor/registry/registry-agent.js')).RegistryAgent(opts)
          : new (await import('../../sensor/agent/sensor-agent.js')).SensorAgent(opts);
      await agent.start();
      if (!opts.silent)
        process.stderr.write(`bulwark sensor running (${opts.mode}); logs in ${opts.storage}/logs\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await agent.stop();
    });
  cmd.addCommand(
    withParams(new Command('diagnose'))
      .description('Write a diagnostic archive (scan state, logs, OS, Docker, containers) for support')
      .option('-o, --output <file>', 'archive path', 'bulwark-sensor-diagnose.tar.gz')
      .action(async (params: string[], own: Flags, command: Command) => {
        // Shared option names are parsed by the parent `sensor` command: merge them back.
        const flags: Flags = { ...(command.parent?.opts() as Flags | undefined), ...own };
        const { resolveSensorOptions } = await import('../../sensor/config/sensor-options.js');
        const { diagnoseArchive } = await import('../../sensor/diagnose/diagnose.js');
        const opts = resolveSensorOptions(rawSources(params, flags, true));
        const out = String(flags.output);
        const names = await diagnoseArchive(opts, out);
        process.stdout.write(`${out}: ${names.length} entries\n`);
      }),
  );
  return cmd;
}
