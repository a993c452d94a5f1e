import { anywhere, defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parseCondaMeta } from './parse-conda-meta.js';
import { parseEnvironmentYml } from './parse-environment-yml.js';

type CondaFile = 'meta' | 'environment';

/** `<env>/conda-meta/*.json` (installed packages) and a project's `environment.yml`/`.yaml`. */
function kindOf(path: string): CondaFile | undefined {
  if (path.endsWith('.json')) {
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash);
    return dir === 'conda-meta' || dir.endsWith('/conda-meta') ? 'meta' : undefined;
  }
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === 'environment.yml' || name === 'environment.yaml' ? 'environment' : undefined;
}

export const condaAnalyzer = defineFileAnalyzer({
  name: 'lang/conda',
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { meta: parseCondaMeta, environment: parseEnvironmentYml },
  // An environment.yml describes an environment that lives elsewhere (`/opt/conda/envs/x`).
  declaredFor: { environment: anywhere },
});
