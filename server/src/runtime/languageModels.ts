import type { LanguageModels } from '../core/docs/models';
import { loadEnvoyDocs, loadEnvoyIndex, loadIstioModel } from './models';

/** The models for hover, completion and navigation, each read from disk the first time a feature touches it. */
export const languageModels: LanguageModels = {
  get envoy() {
    return loadEnvoyIndex();
  },
  get docs() {
    return loadEnvoyDocs();
  },
  get istio() {
    return loadIstioModel();
  },
};
