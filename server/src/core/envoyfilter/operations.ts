import { getProperty, stringValue, type ObjectNode, type ValueNode } from '../document/nodes';
import { deprecatedExtensionNames } from '../envoy/extensionNames';
import type { IstioTarget } from '../istio/versions';
import type { Finding, OffsetEdit } from '../types';
import { HCM_NAME, ROUTER_NAME } from './matchChecks';
import { anchorOf, type ConfigPatch } from './patchModel';
import type { TextEditor } from './textEdits';
import { ENVOYFILTER_FEATURES, featureStatus, versionFinding } from './versionSupport';

const FILTER_OPERATIONS = ['ADD', 'INSERT_FIRST', 'INSERT_BEFORE', 'INSERT_AFTER', 'REPLACE', 'REMOVE', 'MERGE'];

/**
 * The operations istiod's patch code applies for each applyTo; any other is skipped without a word.
 * MERGE_AND_REPLACE_LIST only exists in newer Istio APIs and counts as a merge wherever MERGE is applied.
 */
const APPLIED_OPERATIONS: Record<string, string[]> = {
  LISTENER: ['ADD', 'REMOVE', 'MERGE'],
  FILTER_CHAIN: ['ADD', 'REMOVE', 'MERGE'],
  NETWORK_FILTER: FILTER_OPERATIONS,
  HTTP_FILTER: FILTER_OPERATIONS,
  LISTENER_FILTER: ['ADD', 'INSERT_FIRST', 'INSERT_BEFORE', 'INSERT_AFTER', 'REPLACE', 'REMOVE'],
  ROUTE_CONFIGURATION: ['MERGE'],
  VIRTUAL_HOST: ['ADD', 'REMOVE', 'MERGE', 'REPLACE'],
  HTTP_ROUTE: ['ADD', 'INSERT_FIRST', 'INSERT_BEFORE', 'INSERT_AFTER', 'REMOVE', 'MERGE'],
  CLUSTER: ['ADD', 'REMOVE', 'MERGE'],
};

const NEWER_MERGE = 'MERGE_AND_REPLACE_LIST';
const RELATIVE_OPERATIONS = new Set(['INSERT_BEFORE', 'INSERT_AFTER', 'REPLACE', 'REMOVE']);

/** The operations istiod applies to an applyTo in the Istio version targeted, and notes where we cannot tell. */
function appliedOperations(applyTo: string, target: IstioTarget): string[] | undefined {
  const applied = APPLIED_OPERATIONS[applyTo];
  if (!applied || applyTo !== 'VIRTUAL_HOST') return applied;
  return featureStatus(ENVOYFILTER_FEATURES.virtualHostReplace, target.version) === 'absent' ? applied.filter((op) => op !== 'REPLACE') : applied;
}

export function checkOperation(patch: ConfigPatch, spec: ObjectNode, editor: TextEditor, findings: Finding[], target: IstioTarget = { version: '', latest: true }): void {
  const { applyTo, operation, operationNode } = patch;
  if (applyTo === 'BOOTSTRAP' && patch.applyToProperty?.value) {
    findings.push({ ...at(patch.applyToProperty.value), severity: 'warning', code: 'envoyfilter-bootstrap-deprecated', tags: ['deprecated'],
      message: 'applyTo: BOOTSTRAP is deprecated; configure bootstrap settings through ProxyConfig, mesh config or the proxy.istio.io/config annotation instead' });
  }
  if (!operation || !operationNode) return;
  if (operation === NEWER_MERGE) {
    const pinned = versionFinding(ENVOYFILTER_FEATURES.mergeAndReplaceList, target, "the API server rejects the EnvoyFilter, since that version's CRD has no such operation");
    if (pinned) {
      findings.push({ ...at(operationNode), ...pinned });
      if (pinned.severity === 'error') return;
    } else {
      findings.push({ ...at(operationNode), severity: 'information', code: 'envoyfilter-newer-operation',
        message: `${NEWER_MERGE} is newer than the Istio API bundled with Envoy Lens; it works only where the cluster's Istio (CRD and istiod) has it, and older versions reject the EnvoyFilter` });
    }
  }
  const applied = applyTo ? appliedOperations(applyTo, target) : undefined;
  if (applied && !applied.includes(operation === NEWER_MERGE ? 'MERGE' : operation)) {
    const version = target.latest ? '' : ` ${target.version}`;
    const history = applyTo === 'VIRTUAL_HOST' && operation === 'REPLACE' ? ` (REPLACE came in ${ENVOYFILTER_FEATURES.virtualHostReplace.presentFrom} with ${ENVOYFILTER_FEATURES.virtualHostReplace.source})` : '';
    findings.push({ ...at(operationNode), severity: 'warning', code: 'envoyfilter-operation-ignored',
      message: `istiod${version} does not apply ${operation} to ${applyTo} and skips this patch silently${history}; ${applyTo} supports ${applied.join(', ')}${version ? ` in Istio${version}` : ''}` });
    return;
  }
  if (applyTo === 'VIRTUAL_HOST' && operation === 'REPLACE') {
    const unknown = versionFinding(ENVOYFILTER_FEATURES.virtualHostReplace, target, 'istiod skips the patch');
    if (unknown) findings.push({ ...at(operationNode), ...unknown });
  }
  checkNoOpWithoutMatch(patch, operationNode, findings);
  checkPriority(patch, spec, editor, operationNode, findings);
  checkAfterRouter(patch, editor, operationNode, findings);
  checkAddWithAnyContext(patch, operationNode, findings);
}

function at(node: ValueNode): { offset: number; length: number } {
  return { offset: node.offset, length: Math.max(node.length, 1) };
}

/** The name a REPLACE or REMOVE must match to have anything to act on, per applyTo. */
function targetName(patch: ConfigPatch): string | undefined {
  if (patch.applyTo === 'HTTP_FILTER') return patch.subFilterName;
  if (patch.applyTo === 'NETWORK_FILTER') return patch.filterName;
  if (patch.applyTo === 'LISTENER_FILTER') return stringValue(getProperty(patch.listener, 'listenerFilter')?.value);
  return '';
}

function checkNoOpWithoutMatch(patch: ConfigPatch, operationNode: ValueNode, findings: Finding[]): void {
  if (patch.operation !== 'REPLACE' && patch.operation !== 'REMOVE') return;
  if (targetName(patch) !== undefined) return;
  const needed = patch.applyTo === 'HTTP_FILTER' ? 'match.listener.filterChain.filter.subFilter.name'
    : patch.applyTo === 'NETWORK_FILTER' ? 'match.listener.filterChain.filter.name' : 'match.listener.listenerFilter';
  findings.push({ ...at(operationNode), severity: 'warning', code: 'envoyfilter-no-op-without-match',
    message: `${patch.operation} of a ${patch.applyTo} without ${needed} does nothing: istiod only ${patch.operation === 'REPLACE' ? 'replaces' : 'removes'} the filter that match names` });
}

function checkPriority(patch: ConfigPatch, spec: ObjectNode, editor: TextEditor, operationNode: ValueNode, findings: Finding[]): void {
  if (!RELATIVE_OPERATIONS.has(patch.operation!)) return;
  const priority = getProperty(spec, 'priority')?.value;
  if (priority?.type === 'number' && priority.value !== 0) return;
  const proxyVersion = getProperty(getProperty(patch.match, 'proxy')?.value, 'proxyVersion');
  const edit = priority ? editor.replace(priority, '10') : editor.insertProperties(spec, { priority: 10 });
  findings.push({ ...at(operationNode), severity: 'warning', code: 'envoyfilter-relative-without-priority',
    message: `${patch.operation} depends on filters that other EnvoyFilters may add, rename or remove, and without a priority the order in which EnvoyFilters apply is not guaranteed${proxyVersion ? '; pinning proxyVersion makes this worse, since the patch silently stops applying after an upgrade' : ''}. Set spec.priority (like istioctl's IST0151${proxyVersion ? '/IST0155' : ''}).`,
    fixes: [{ title: 'Add priority: 10 (EnvoyFilters with default priority 0 apply first, so this one sees their filters)', edits: [edit] }],
  });
}

function canonical(name: string | undefined): string | undefined {
  return name === undefined ? undefined : deprecatedExtensionNames[name] ?? name;
}

/** Envoy rejects a listener whose router is not the last HTTP filter, so a patch that lands after it breaks the listener. */
function checkAfterRouter(patch: ConfigPatch, editor: TextEditor, operationNode: ValueNode, findings: Finding[]): void {
  if (patch.applyTo !== 'HTTP_FILTER') return;
  const valueName = canonical(stringValue(getProperty(patch.valueProperty?.value, 'name')?.value));
  if (valueName === ROUTER_NAME) return;
  const addAtEnd = patch.operation === 'ADD' && (!patch.filterClass || patch.filterClass === 'UNSPECIFIED');
  const appendAfter = patch.operation === 'INSERT_AFTER' && (patch.subFilterName === undefined || canonical(patch.subFilterName) === ROUTER_NAME);
  if (!addAtEnd && !appendAfter) return;
  const how = patch.operation === 'ADD'
    ? 'ADD appends the filter at the end of the HTTP filter chain, after the router'
    : patch.subFilterName === undefined
      ? 'INSERT_AFTER without a subFilter match appends the filter after the router'
      : 'INSERT_AFTER the router puts the filter after it';
  const edits = insertBeforeRouterEdits(patch, editor, operationNode);
  findings.push({ ...at(operationNode), severity: 'error', code: 'envoyfilter-after-router',
    message: `${how}; Envoy rejects the whole listener because the router must be the last HTTP filter. Use INSERT_BEFORE with subFilter ${ROUTER_NAME}${patch.operation === 'ADD' ? ', or set patch.filterClass' : ''}.`,
    fixes: edits ? [{ title: `Insert before ${ROUTER_NAME} instead`, edits, preferred: true }] : undefined,
  });
}

function insertBeforeRouterEdits(patch: ConfigPatch, editor: TextEditor, operationNode: ValueNode): OffsetEdit[] | undefined {
  const edits: OffsetEdit[] = [editor.replaceScalar(operationNode, 'INSERT_BEFORE')];
  if (patch.subFilterNameNode) {
    if (canonical(patch.subFilterName) !== ROUTER_NAME) edits.push(editor.replaceScalar(patch.subFilterNameNode, ROUTER_NAME));
    return edits;
  }
  if (patch.filter) {
    if (patch.filterName !== undefined && patch.filterName !== HCM_NAME) return undefined;
    const merged = editor.mergeInto(patch.filter, { name: HCM_NAME, subFilter: { name: ROUTER_NAME } });
    return merged ? [...edits, ...merged] : undefined;
  }
  const wanted = { listener: { filterChain: { filter: { name: HCM_NAME, subFilter: { name: ROUTER_NAME } } } } };
  if (patch.match) {
    const merged = editor.mergeInto(patch.match, wanted);
    return merged ? [...edits, ...merged] : undefined;
  }
  if (patch.matchProperty) return undefined;
  return [...edits, editor.insertProperties(patch.item, { match: wanted })];
}

function checkAddWithAnyContext(patch: ConfigPatch, operationNode: ValueNode, findings: Finding[]): void {
  if (patch.operation !== 'ADD' || (patch.applyTo !== 'LISTENER' && patch.applyTo !== 'CLUSTER')) return;
  if (patch.context !== undefined && patch.context !== 'ANY') return;
  findings.push({ ...at(patch.contextNode ?? operationNode), severity: 'information', code: 'envoyfilter-add-context-any',
    message: `ADD of a ${patch.applyTo} with context ANY${patch.context === undefined ? ' (the default)' : ''} is applied only to SIDECAR_OUTBOUND and GATEWAY, not to inbound sidecar configuration; name the context you mean` });
}
