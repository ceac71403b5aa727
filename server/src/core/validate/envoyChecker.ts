import type { Checker } from '../analyze';
import { typedRoots } from '../envoy/typedRoots';
import type { Finding } from '../types';
import { EnvoyValidator, type EnvoyValidationOptions } from './envoyValidator';

/** Validates Envoy documents (bootstraps, xDS resources and lists of them, admin config dumps) against the API model. */
export function createEnvoyChecker(validator: EnvoyValidator): Checker {
  return {
    checkDocument({ document, kind }, context) {
      const findings: Finding[] = [];
      const options: EnvoyValidationOptions = {
        unknownFieldSeverity: context.settings.unknownFieldSeverity,
        skipInputConstraints: kind?.kind === 'config-dump',
      };
      for (const root of typedRoots(kind, document.root)) validator.validate(root.node, root.typeName, options, findings);
      return findings;
    },
  };
}
