/**
 * CVSS base scores computed from vectors, because OSV `severity[].score` holds the vector
 * only. v3.0/v3.1 follow the FIRST specification (section 7 formulas, Appendix A
 * Roundup); v2 follows the v2 guide section 3.2.1. v4 scoring interpolates within FIRST's
 * 270-entry macro-vector table; that table and its algorithm come from `ae-cvss-calculator`
 * rather than a hand copy here, after this file checks the vector is complete (the library
 * scores a partial vector as 0, which would read as "no impact").
 */
import cvssCalculator from 'ae-cvss-calculator';
import type { Cvss } from './types.js';

type Metrics = Map<string, string>;

function parseMetrics(parts: string[]): Metrics | undefined {
  const metrics: Metrics = new Map();
  for (const part of parts) {
    const [key, value, extra] = part.split(':');
    if (!key || !value || extra !== undefined || metrics.has(key)) return undefined;
    metrics.set(key, value);
  }
  return metrics;
}

function weight(metrics: Metrics, key: string, table: Record<string, number>): number | undefined {
  const value = metrics.get(key);
  return value === undefined ? undefined : table[value];
}

/** CVSS v3.1 Roundup: the smallest number with one decimal ≥ input, free of float noise. */
function roundUp31(value: number): number {
  const scaled = Math.round(value * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

/** CVSS v3.0 defines Roundup as a plain ceiling to one decimal. */
function roundUp30(value: number): number {
  return Math.ceil(value * 10) / 10;
}

const cia3 = { H: 0.56, L: 0.22, N: 0 };

/** Base score of a `CVSS:3.x/…` vector, or undefined when a base metric is missing or unknown. */
export function cvss3BaseScore(vector: string): number | undefined {
  const [prefix, ...rest] = vector.trim().split('/');
  const version = /^CVSS:3\.([01])$/.exec(prefix ?? '')?.[1];
  if (version === undefined) return undefined;
  const metrics = parseMetrics(rest);
  if (!metrics) return undefined;
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return undefined;
  const changed = scope === 'C';
  const av = weight(metrics, 'AV', { N: 0.85, A: 0.62, L: 0.55, P: 0.2 });
  const ac = weight(metrics, 'AC', { L: 0.77, H: 0.44 });
  const pr = weight(metrics, 'PR', changed ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 });
  const ui = weight(metrics, 'UI', { N: 0.85, R: 0.62 });
  const c = weight(metrics, 'C', cia3);
  const i = weight(metrics, 'I', cia3);
  const a = weight(metrics, 'A', cia3);
  if (av === undefined || ac === undefined || pr === undefined || ui === undefined) return undefined;
  if (c === undefined || i === undefined || a === undefined) return undefined;

  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  const roundUp = version === '1' ? roundUp31 : roundUp30;
  const raw = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
  return roundUp(Math.min(raw, 10));
}

const cia2 = { N: 0, P: 0.275, C: 0.66 };

/** Base score of a CVSS v2 vector (`AV:N/AC:L/Au:N/C:P/I:P/A:P`, optionally `(…)`-wrapped). */
export function cvss2BaseScore(vector: string): number | undefined {
  const body = vector.trim().replace(/^\((.*)\)$/, '$1');
  const metrics = parseMetrics(body.split('/'));
  if (!metrics) return undefined;
  const av = weight(metrics, 'AV', { L: 0.395, A: 0.646, N: 1 });
  const ac = weight(metrics, 'AC', { H: 0.35, M: 0.61, L: 0.71 });
  const au = weight(metrics, 'Au', { M: 0.45, S: 0.56, N: 0.704 });
  const c = weight(metrics, 'C', cia2);
  const i = weight(metrics, 'I', cia2);
  const a = weight(metrics, 'A', cia2);
  if (av === undefined || ac === undefined || au === undefined) return undefined;
  if (c === undefined || i === undefined || a === undefined) return undefined;
  const impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
  const exploitability = 20 * av * ac * au;
  const f = impact === 0 ? 0 : 1.176;
  return Math.round((0.6 * impact + 0.4 * exploitability - 1.5) * f * 10) / 10;
}

const v4Base: Record<string, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
};

/**
 * CVSS-B (base) score of a `CVSS:4.0/…` vector: threat and environmental metrics, which
 * some feeds append, are left out so the number is the base score OSV means.
 */
export function cvss4BaseScore(vector: string): number | undefined {
  const [prefix, ...rest] = vector.trim().split('/');
  if (prefix !== 'CVSS:4.0') return undefined;
  const metrics = parseMetrics(rest);
  if (!metrics) return undefined;
  const base: string[] = [];
  for (const [key, allowed] of Object.entries(v4Base)) {
    const value = metrics.get(key);
    if (value === undefined || !allowed.includes(value)) return undefined;
    base.push(`${key}:${value}`);
  }
  try {
    const score = new cvssCalculator.Cvss4P0(`CVSS:4.0/${base.join('/')}`).calculateScores().base;
    return typeof score === 'number' && Number.isFinite(score) ? score : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One OSV `severity` entry as a scored CVSS. Accepts what OSV sources really write: the
 * vector alone (the schema's rule), or — seen in some feeds — a bare number, or a vector
 * followed by a number. A v4 vector without a number gives undefined: see the file header.
 */
export function parseCvss(type: string, score: string): Cvss | undefined {
  const text = score.trim();
  const numeric = /(?:^|\s)(\d{1,2}(?:\.\d)?)$/.exec(text);
  const givenScore = numeric ? Number(numeric[1]) : undefined;
  const vector = (numeric ? text.slice(0, numeric.index) : text).trim();
  if (type === 'CVSS_V3' || vector.startsWith('CVSS:3')) {
    const computed = vector ? cvss3BaseScore(vector) : undefined;
    const value = computed ?? givenScore;
    if (value === undefined || value > 10) return undefined;
    return { version: vector.startsWith('CVSS:3.0') ? '3.0' : '3.1', vector, score: value };
  }
  if (type === 'CVSS_V4' || vector.startsWith('CVSS:4')) {
    const value = (vector ? cvss4BaseScore(vector) : undefined) ?? givenScore;
    if (value === undefined || value > 10) return undefined;
    return { version: '4.0', vector, score: value };
  }
  if (type === 'CVSS_V2') {
    const value = (vector ? cvss2BaseScore(vector) : undefined) ?? givenScore;
    if (value === undefined || value > 10) return undefined;
    return { version: '2.0', vector, score: value };
  }
  return undefined;
}
