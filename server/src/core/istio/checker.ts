import type { Checker } from '../analyze';
import { getProperty, type ValueNode } from '../document/nodes';
import { checkEnvoyFilter } from '../envoyfilter';
import { recognizeDocument } from '../recognize';
import type { AnalysisSettings } from '../settings';
import type { Finding } from '../types';
import type { EnvoyValidator } from '../validate/envoyValidator';
import type { IstioModelChoice } from './modelChoice';
import { validateIstioResource, type IstioResourceKind } from './validateResource';

/** EnvoyFilter findings that say more than the schema about the same spot, even though they are not errors. */
const SUPERSEDING_CODES = new Set(['envoyfilter-newer-operation']);

/**
 * Validates Istio resources (alone or in a Kubernetes List) against the CRD model of the targeted Istio version,
 * plus the EnvoyFilter rules. `models` maps the istioVersion setting to a model; the runtime owns the loading.
 */
export function createIstioChecker(models: (istioVersion: string) => IstioModelChoice, validator: EnvoyValidator): Checker {
  return {
    checkDocument({ document, kind }, context) {
      const root = document.root;
      if (!root) return [];
      const model = () => models(context.settings.istioVersion);
      if (kind?.kind === 'istio') return checkResource(root, kind, model(), validator, context.text, context.settings);
      if (kind?.kind !== 'kubernetes-list') return [];
      const items = getProperty(root, 'items')?.value;
      if (items?.type !== 'array') return [];
      return items.items.flatMap((item) => {
        const itemKind = recognizeDocument(item);
        return itemKind?.kind === 'istio' ? checkResource(item, itemKind, model(), validator, context.text, context.settings) : [];
      });
    },
  };
}

function checkResource(root: ValueNode, kind: IstioResourceKind, choice: IstioModelChoice, validator: EnvoyValidator, text: string, settings: AnalysisSettings): Finding[] {
  const schemaFindings: Finding[] = [];
  validateIstioResource(root, kind, choice.model, schemaFindings, settings.unknownFieldSeverity, choice);
  if (kind.group !== 'networking.istio.io' || kind.kindName !== 'EnvoyFilter') return schemaFindings;
  const envoyFilterFindings = checkEnvoyFilter({ resource: root, text, settings, validator });
  // Where an EnvoyFilter rule explains the same spot (a removed legacy field, a misplaced portNumber), its more
  // specific error replaces the generic schema one.
  const explained = new Set(envoyFilterFindings.filter((f) => f.severity === 'error' || SUPERSEDING_CODES.has(f.code)).map((f) => f.offset));
  return [...schemaFindings.filter((f) => !explained.has(f.offset)), ...envoyFilterFindings];
}
