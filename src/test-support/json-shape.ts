/**
 * The shape of a JSON value (field names, types, nesting; no values), and a check that a
 * response conforms to an expected shape. Used by the API contract tests: the expected
 * shapes come from the reference samples.
 *
 * Rules: a `null` in the expected shape accepts anything (the sample did not show a type);
 * a `null` in the response is accepted anywhere (a value our seed left empty); objects must
 * have exactly the expected keys; a non-empty expected array needs a non-empty response
 * array whose every element conforms to the merged element shape.
 */
export type Shape = 'null' | 'string' | 'number' | 'boolean' | Shape[] | { [key: string]: Shape };

export function shapeOf(value: unknown): Shape {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    return [value.map(shapeOf).reduce(mergeShapes)];
  }
  if (typeof value === 'object') {
    const out: Record<string, Shape> = {};
    for (const key of Object.keys(value).sort()) out[key] = shapeOf((value as Record<string, unknown>)[key]);
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return typeof value as Shape;
  return 'null';
}

/** Two samples of the same field: null gives way to the other; objects merge key by key. */
function mergeShapes(a: Shape, b: Shape): Shape {
  if (a === 'null') return b;
  if (b === 'null') return a;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length === 0) return b;
    if (b.length === 0) return a;
    return [mergeShapes(a[0]!, b[0]!)];
  }
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: Record<string, Shape> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? mergeShapes(out[k]!, v) : v;
    return out;
  }
  return a;
}

/** Every way `value` departs from `expected`, as `path: problem` lines (empty when it conforms). */
export function shapeProblems(expected: Shape, value: unknown, path = '$'): string[] {
  if (expected === 'null' || value === null) return [];
  if (typeof expected === 'string') {
    return typeof value === expected
      ? []
      : [`${path}: expected ${expected}, got ${Array.isArray(value) ? 'array' : typeof value}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(value)) return [`${path}: expected an array`];
    if (expected.length === 0) return [];
    if (value.length === 0) return [`${path}: empty, but the sample shows elements`];
    return value.flatMap((v, i) => shapeProblems(expected[0]!, v, `${path}[${i}]`));
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected an object`];
  const obj = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(expected)) {
    if (!(key in obj)) problems.push(`${path}.${key}: missing`);
    else problems.push(...shapeProblems(expected[key]!, obj[key], `${path}.${key}`));
  }
  for (const key of Object.keys(obj))
    if (!(key in expected)) problems.push(`${path}.${key}: not in the sample`);
  return problems;
}
