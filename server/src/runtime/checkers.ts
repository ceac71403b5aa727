import type { Checker } from '../core/analyze';
import { createIstioChecker } from '../core/istio/checker';
import { createIstioCrossResourceChecker } from '../core/istio/crossResource/checker';
import { createEnvoyChecker } from '../core/validate/envoyChecker';
import { EnvoyValidator } from '../core/validate/envoyValidator';
import { createReferenceChecker } from '../core/validate/referenceChecks';
import { loadEnvoyIndex, loadIstioModelFor } from './models';

/** The checkers every edge (server, CLI) runs, in the order their findings are listed. */
export function loadCheckers(): Checker[] {
  const index = loadEnvoyIndex();
  return [createEnvoyChecker(new EnvoyValidator(index)), createReferenceChecker(index), createIstioChecker(loadIstioModelFor, new EnvoyValidator(index)), createIstioCrossResourceChecker()];
}
