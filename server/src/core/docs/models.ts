import type { EnvoyTypeIndex } from '../model/typeIndex';
import type { EnvoyApiDocs, IstioModel } from '../model/types';

/**
 * The generated models the editor features read. Properties may be getters that load on first use, so a feature
 * that never needs the Istio model or the docs never pays for reading them.
 */
export interface LanguageModels {
  readonly envoy: EnvoyTypeIndex;
  readonly docs: EnvoyApiDocs;
  readonly istio: IstioModel;
}
