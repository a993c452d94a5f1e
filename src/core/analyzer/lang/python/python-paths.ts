/** Which Python file a path is, decided with plain string checks (wants() runs on every file). */
export type PythonFileKind = 'metadata' | 'poetry-lock' | 'pipfile-lock' | 'uv-lock' | 'requirements';

const lockfiles: ReadonlyArray<readonly [string, PythonFileKind]> = [
  ['poetry.lock', 'poetry-lock'],
  ['Pipfile.lock', 'pipfile-lock'],
  ['uv.lock', 'uv-lock'],
];

export function pythonFileKind(path: string): PythonFileKind | undefined {
  // Installed distributions: wheel-style dist-info, setuptools egg-info (directory or single file).
  if (
    path.endsWith('.dist-info/METADATA') ||
    path.endsWith('.egg-info/PKG-INFO') ||
    path.endsWith('.egg-info')
  ) {
    return 'metadata';
  }
  for (const [name, kind] of lockfiles) if (isBaseName(path, name)) return kind;
  // requirements.txt, requirements-dev.txt, requirements_prod.txt …
  if (path.endsWith('.txt')) {
    const start = path.lastIndexOf('/') + 1;
    if (path.startsWith('requirements', start)) return 'requirements';
  }
  return undefined;
}

function isBaseName(path: string, name: string): boolean {
  return (
    path.endsWith(name) &&
    (path.length === name.length || path.charCodeAt(path.length - name.length - 1) === 47)
  );
}

/** PEP 503: runs of `-`, `_`, `.` become one `-`, lower case. The name advisories are keyed by. */
export function normalizePythonName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}
