/**
 * One `bulwark ci` run: resolve the image ids on the Docker Engine (an unknown id stops
 * the run before anything is tagged), tag each for the CI/CD sensor, poll the server for
 * every image at once, judge each against the fail conditions, write reports, post the
 * webhook, and return the summary with the run's exit code (src/ci/exit-codes.ts).
 */

import { notCheckedMessage, toScanResult } from './ci-findings.js';
import { applyExclusions, type GateVerdict, judgeMissing, judgeResult } from './ci-gate.js';
import { writeImageReports } from './ci-reports.js';
import type { CiSettings } from './ci-settings.js';
import {
  type CiImageSummary,
  type CiRunSummary,
  resultDetails,
  runSummary,
  verdictFields,
} from './ci-summary.js';
import { postWebhook } from './ci-webhook.js';
import { ciExitCodes } from './exit-codes.js';
import { openDocker, type ResolvedImage, resolveImages, tagForScan } from './image-tagger.js';
import { type PollOutcome, pollImage } from './poll-results.js';

export interface CiIo {
  /** Progress and every server call: one line each. */
  log: (line: string) => void;
  warn: (line: string) => void;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms} ms`;
}

async function judgeImage(
  settings: CiSettings,
  image: ResolvedImage,
  tag: string | null,
  outcome: PollOutcome,
): Promise<CiImageSummary> {
  const base = {
    given: image.given,
    imageId: image.shortId,
    sha: image.sha,
    triggerTag: tag,
    calls: outcome.calls,
  };
  const empty = { severityCounts: null, vulnerabilities: [], excluded: [], reports: [] };
  if (outcome.kind === 'refused') {
    const verdict: GateVerdict = {
      failed: true,
      reasons: [`the server refused the request (${outcome.status}: ${outcome.message})`],
      notes: [],
      exitCode: ciExitCodes.refused,
    };
    return { ...base, outcome: 'refused', ...verdictFields(verdict), ...empty };
  }
  if (outcome.kind === 'timeout') {
    const why = `no results within ${seconds(settings.timeoutMs)} (last answer: ${outcome.lastStatus})`;
    return {
      ...base,
      outcome: 'timeout',
      ...verdictFields(judgeMissing(why, settings.conditions)),
      ...empty,
    };
  }
  const result = applyExclusions(toScanResult(outcome.payload, `docker:${image.sha}`), settings.excludeIds);
  const checked = outcome.payload.vulnerabilitiesChecked;
  const verdict = checked
    ? judgeResult(result, settings.conditions)
    : judgeMissing(notCheckedMessage(outcome.payload.scanError), settings.conditions);
  const reports = settings.reportDir
    ? await writeImageReports(settings.reportDir, image.shortId, result, settings.reportFormats)
    : [];
  return {
    ...base,
    outcome: checked ? 'complete' : 'not-checked',
    ...verdictFields(verdict),
    ...resultDetails(result),
    reports,
  };
}

export async function runCi(settings: CiSettings, io: CiIo): Promise<CiRunSummary> {
  const { docker, endpoint } = await openDocker(settings.docker);
  const images = await resolveImages(docker, endpoint, settings.imageIds);
  io.log(`image ids: ${images.map((i) => `${i.given} (${i.shortId})`).join(', ')}`);
  const tags = new Map<string, string>();
  if (settings.tag) {
    for (const image of images) {
      const tag = await tagForScan(docker, endpoint, settings.triggerTag, image);
      tags.set(image.sha, tag);
      io.log(`${image.shortId}: tagged ${tag} on ${endpoint} for the CI/CD sensor`);
    }
  }
  // One poller per image, as the reference's plugins run one thread per image id.
  const outcomes = await Promise.all(
    images.map((image) =>
      pollImage(image.sha, {
        server: settings.server,
        auth: settings.auth,
        intervalMs: settings.pollIntervalMs,
        timeoutMs: settings.timeoutMs,
        log: io.log,
      }),
    ),
  );
  const summaries: CiImageSummary[] = [];
  for (const [i, image] of images.entries())
    summaries.push(
      await judgeImage(settings, image, tags.get(image.sha) ?? null, outcomes[i] as PollOutcome),
    );
  const summary = runSummary(
    `${settings.server.origin}${settings.server.pathname}`.replace(/\/+$/, ''),
    summaries,
  );
  if (settings.webhook) await postWebhook(settings.webhook, summary, io.log, io.warn);
  return summary;
}
