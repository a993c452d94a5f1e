import type { OSFamily } from './model.js';

/**
 * The one map from a distribution's name to Bulwark's OS family, for every place that
 * meets one: os-release `ID`/`ID_LIKE` values (the analyzer) and the names or purl
 * namespaces other tools write into SBOMs (the decoders). Keys are lower case.
 */
const familyByName: Record<string, OSFamily> = {
  // os-release IDs, and the family names themselves
  debian: 'debian',
  ubuntu: 'ubuntu',
  alpine: 'alpine',
  wolfi: 'wolfi',
  chainguard: 'chainguard',
  rhel: 'rhel',
  centos: 'centos',
  rocky: 'rocky',
  almalinux: 'almalinux',
  fedora: 'fedora',
  amzn: 'amazon',
  ol: 'oracle',
  sles: 'sles',
  sled: 'sles',
  opensuse: 'opensuse-leap', // openSUSE 42.x and older wrote ID=opensuse
  'opensuse-leap': 'opensuse-leap',
  'opensuse-tumbleweed': 'opensuse-tumbleweed',
  photon: 'photon',
  mariner: 'mariner',
  azurelinux: 'mariner',
  openeuler: 'openeuler', // os-release writes ID="openEuler"; keys are lower case
  mageia: 'mageia',
  minimos: 'minimos',
  echo: 'echo',
  // other spellings seen in SBOMs and purl namespaces
  redhat: 'rhel',
  alma: 'almalinux',
  amazon: 'amazon',
  oracle: 'oracle',
  'suse linux enterprise server': 'sles',
  'opensuse.leap': 'opensuse-leap',
  'opensuse.tumbleweed': 'opensuse-tumbleweed',
  'cbl-mariner': 'mariner',
};

/** The family a distribution name stands for, or undefined when it names none we know. */
export function osFamilyOf(name: string | undefined): OSFamily | undefined {
  if (!name) return undefined;
  const key = name.toLowerCase();
  return Object.hasOwn(familyByName, key) ? familyByName[key] : undefined;
}
