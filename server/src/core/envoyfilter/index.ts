import { getProperty, type ObjectNode, type ValueNode } from '../document/nodes';
import { resolveIstioTarget } from '../istio/versions';
import type { AnalysisSettings } from '../settings';
import type { Finding } from '../types';
import type { EnvoyValidator } from '../validate/envoyValidator';
import { checkMatch } from './matchChecks';
import { checkOperation } from './operations';
import { readConfigPatches } from './patchModel';
import { checkPatchValue } from './patchValue';
import { checkProxyVersion, checkRemovedFields, checkRequiredParts, checkSpecShape } from './shape';
import { TextEditor } from './textEdits';
import { checkIstioVersionFeatures } from './versionChecks';
import { checkWaypointUse } from './waypoint';

export interface EnvoyFilterCheckInput {
  /** the EnvoyFilter resource (the object with apiVersion, kind, metadata, spec) */
  resource: ValueNode;
  text: string;
  settings: AnalysisSettings;
  validator: EnvoyValidator;
}

/** Everything Envoy Lens knows about EnvoyFilter mistakes beyond the CRD schema. */
export function checkEnvoyFilter({ resource, text, settings, validator }: EnvoyFilterCheckInput): Finding[] {
  const spec = getProperty(resource, 'spec')?.value;
  if (spec?.type !== 'object') return [];
  const findings: Finding[] = [];
  const editor = new TextEditor(text);
  const target = resolveIstioTarget(settings.istioVersion);
  checkSpecShape(spec, findings);
  const patches = readConfigPatches(spec);
  checkIstioVersionFeatures(spec, patches, target, findings);
  for (const patch of patches) {
    checkRemovedFields(patch.item, findings);
    checkRequiredParts(patch, findings);
    checkProxyVersion(patch, findings);
    checkMatch(patch, editor, findings);
    checkOperation(patch, spec as ObjectNode, editor, findings, target);
    checkPatchValue(patch, validator, settings, editor, findings);
  }
  checkWaypointUse(spec, patches, findings);
  return findings;
}
