import { kubernetesGlobsOf } from '../../server/src/core/istio/redHatOverlap';
import type { NeighbourFacts } from '../../server/src/protocol';

/** The little of VS Code's API the fact reading needs, so it can be tested without VS Code. */
export interface ExtensionsAndSettings {
  extension(id: string): { isActive: boolean } | undefined;
  /** the effective value of a setting, e.g. ("yaml", "kubernetesCRDStore.enable") */
  setting(section: string, key: string): unknown;
}

export const RED_HAT_YAML_ID = 'redhat.vscode-yaml';

/** Facts only: whether Red Hat YAML runs and what its settings say. The server decides what follows from them. */
export function readNeighbourFacts(host: ExtensionsAndSettings): NeighbourFacts {
  const extension = host.extension(RED_HAT_YAML_ID);
  if (!extension) return {};
  const validate = host.setting('yaml', 'validate');
  const crdStore = host.setting('yaml', 'kubernetesCRDStore.enable');
  return {
    redHatYaml: {
      active: extension.isActive,
      // Both default to true in Red Hat YAML; only an explicit false turns them off.
      validate: validate !== false,
      crdStoreEnabled: crdStore !== false,
      kubernetesGlobs: kubernetesGlobsOf(host.setting('yaml', 'schemas')),
    },
  };
}

/**
 * envoyLens.envoyApiPath names a folder the server reads; an untrusted workspace must not choose it, so there only
 * the user's own (global) value counts.
 */
export function trustedApiPath(trusted: boolean, inspected: { globalValue?: string; workspaceValue?: string; workspaceFolderValue?: string; defaultValue?: string } | undefined, effective: string | undefined): string {
  if (trusted) return effective ?? '';
  return inspected?.globalValue ?? inspected?.defaultValue ?? '';
}
