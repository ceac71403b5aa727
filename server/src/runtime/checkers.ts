import type { Checker } from '../core/analyze';
import { createIstioChecker } from '../core/istio/checker';
import { createIstioCrossResourceChecker } from '../core/istio/crossResource/checker';
import { createEnvoyChecker } from '../core/validate/envoyChecker';
import { EnvoyValidator } from '../core/validate/envoyValidator';
import { createReferenceChecker } from '../core/validate/referenceChecks';
import { envoyApiGeneration, loadEnvoyIndex, loadIstioModelFor } from './models';

/** The checkers every edge (server, CLI) runs, in the order their findings are listed. */
export function loadCheckers(): Checker[] {
  const index = loadEnvoyIndex();
  return [createEnvoyChecker(new EnvoyValidator(index)), createReferenceChecker(index), createIstioChecker(loadIstioModelFor, new EnvoyValidator(index)), createIstioCrossResourceChecker()];
}

/**
 * The checkers, built on first use (a server that only ever sees unrelated YAML never reads the model) and built
 * again when a different Envoy API is in use (envoyLens.envoyApiPath).
 */
export function checkersForCurrentApi(onError: (message: string) => void): () => Checker[] {
  let checkers: Checker[] | undefined;
  let builtFor = -1;
  return () => {
    if (!checkers || builtFor !== envoyApiGeneration()) {
      builtFor = envoyApiGeneration();
      try {
        checkers = loadCheckers();
      } catch (error) {
        onError(`Envoy Lens could not load its type model; only syntax is checked: ${(error as Error).message}`);
        checkers = [];
      }
    }
    return checkers;
  };
}
