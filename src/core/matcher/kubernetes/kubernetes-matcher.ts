import type { Package } from '../../sbom/model.js';
import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

/**
 * Kubernetes components from a KBOM (`pkg:k8s/k8s.io%2Fkubelet@1.29.3`, as Trivy writes
 * one for a cluster) in OSV's `Kubernetes` ecosystem, which names each component by its Go
 * module path (`k8s.io/kubelet`, `k8s.io/apiserver`). A bare component name (`kubelet`)
 * is the same module under `k8s.io/`. Versions in Go's order, `v` optional.
 */
export function kubernetesModule(pkg: Package): string {
  return pkg.name.includes('/') ? pkg.name : `k8s.io/${pkg.name}`;
}

export const kubernetesMatcher = defineLanguageMatcher({
  name: 'k8s/kubernetes',
  packageType: 'k8s',
  ecosystem: 'Kubernetes',
  lookupName: kubernetesModule,
});
