import { getProperty, stringValue, type ObjectNode, type PropertyNode, type ValueNode } from '../document/nodes';
import { deprecatedExtensionNames } from '../envoy/extensionNames';
import type { Finding, OffsetEdit } from '../types';
import { anchorOf, type ConfigPatch } from './patchModel';
import type { TextEditor } from './textEdits';

export const HCM_NAME = 'envoy.filters.network.http_connection_manager';
export const ROUTER_NAME = 'envoy.filters.http.router';

const LISTENER_CLASS = new Set(['LISTENER', 'FILTER_CHAIN', 'NETWORK_FILTER', 'HTTP_FILTER', 'LISTENER_FILTER']);
const ROUTE_CLASS = new Set(['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE']);
const OBJECT_MATCHES = ['listener', 'routeConfiguration', 'cluster'] as const;

/** Which object match each applyTo takes (istiod rejects the others). */
function expectedMatch(applyTo: string | undefined): (typeof OBJECT_MATCHES)[number] | undefined {
  if (!applyTo) return undefined;
  if (LISTENER_CLASS.has(applyTo)) return 'listener';
  if (ROUTE_CLASS.has(applyTo)) return 'routeConfiguration';
  if (applyTo === 'CLUSTER') return 'cluster';
  return undefined;
}

export function checkMatch(patch: ConfigPatch, editor: TextEditor, findings: Finding[]): void {
  const match = patch.match;
  if (!match) return;
  checkMatchKind(patch, match, findings);
  checkWaypointMatch(patch, match, findings);
  checkFilterMatch(patch, findings);
  checkPortFields(patch, match, editor, findings);
  checkVirtualHostName(patch, findings);
  for (const node of [patch.filterNameNode, patch.subFilterNameNode, getProperty(patch.listener, 'listenerFilter')?.value]) {
    checkDeprecatedName(node, editor, findings, 'match');
  }
}

function checkMatchKind(patch: ConfigPatch, match: ObjectNode, findings: Finding[]): void {
  const expected = expectedMatch(patch.applyTo);
  if (!expected) return;
  for (const kind of OBJECT_MATCHES) {
    const property = getProperty(match, kind);
    if (kind === expected || !property || property.value?.type === 'null') continue;
    findings.push({ ...anchorOf(property), severity: 'error', code: 'envoyfilter-match-mismatch',
      message: `applyTo: ${patch.applyTo} patches ${expected === 'listener' ? 'listener' : expected === 'cluster' ? 'cluster' : 'route configuration'} objects, so its match must be "${expected}", not "${kind}"; istiod rejects the EnvoyFilter` });
  }
}

function checkWaypointMatch(patch: ConfigPatch, match: ObjectNode, findings: Finding[]): void {
  const waypoint = getProperty(match, 'waypoint');
  if (waypoint && patch.context !== 'WAYPOINT') {
    findings.push({ ...anchorOf(waypoint), severity: 'error', code: 'envoyfilter-waypoint-match-context',
      message: 'A "waypoint" match is only allowed with context: WAYPOINT; the API server rejects it otherwise' });
  }
  if (patch.context === 'WAYPOINT') {
    for (const kind of OBJECT_MATCHES) {
      const property = getProperty(match, kind);
      if (!property) continue;
      findings.push({ ...anchorOf(property), severity: 'error', code: 'envoyfilter-waypoint-match-context',
        message: `With context: WAYPOINT, match with "waypoint" instead of "${kind}"; the API server rejects this combination` });
    }
  }
}

function checkFilterMatch(patch: ConfigPatch, findings: Finding[]): void {
  if (patch.filterProperty && (patch.applyTo === 'LISTENER' || patch.applyTo === 'FILTER_CHAIN')) {
    findings.push({ ...anchorOf(patch.filterProperty), severity: 'warning', code: 'envoyfilter-filter-match-ignored',
      message: `A filter match has no effect with applyTo: ${patch.applyTo}; istiod patches the whole ${patch.applyTo === 'LISTENER' ? 'listener' : 'filter chain'} regardless` });
  }
  if (patch.filter && !patch.filterName) {
    findings.push({ ...anchorOf(patch.filterProperty!), severity: 'error', code: 'envoyfilter-empty-filter-name',
      message: 'The filter match has no name; istiod rejects an EnvoyFilter whose filter match names no filter' });
  }
  if (!patch.subFilterProperty) return;
  if (patch.subFilter && !patch.subFilterName) {
    findings.push({ ...anchorOf(patch.subFilterProperty), severity: 'error', code: 'envoyfilter-empty-filter-name',
      message: 'The subFilter match has no name; istiod rejects it' });
  }
  if (patch.applyTo && patch.applyTo !== 'HTTP_FILTER') {
    findings.push({ ...anchorOf(patch.subFilterProperty), severity: 'error', code: 'envoyfilter-subfilter-misuse',
      message: `subFilter can only be used with applyTo: HTTP_FILTER (not ${patch.applyTo}); istiod rejects the EnvoyFilter` });
  } else if (patch.filterName !== undefined && (deprecatedExtensionNames[patch.filterName] ?? patch.filterName) !== HCM_NAME) {
    // The deprecated spelling of the HCM gets its own warning; here only a different filter is the fault.
    findings.push({ ...anchorOf(patch.subFilterProperty), severity: 'error', code: 'envoyfilter-subfilter-misuse',
      message: `subFilter only works inside the filter named ${HCM_NAME} (HTTP filters live in the HTTP connection manager), not "${patch.filterName}"; istiod rejects the EnvoyFilter` });
  }
}

function checkPortFields(patch: ConfigPatch, match: ObjectNode, editor: TextEditor, findings: Finding[]): void {
  const misplaced = getProperty(match, 'portNumber');
  if (misplaced) {
    const home = homeOfPort(patch);
    // Moving a property inside flow YAML or JSON would need comma surgery; offer the move for block YAML only.
    const fix = editor.text[match.offset] === '{' ? undefined : movePortNumber(misplaced, home, getProperty(match, home), editor);
    findings.push({ ...anchorOf(misplaced), severity: 'error', code: 'envoyfilter-misplaced-port-number',
      message: `"portNumber" is not a field of match (the API server rejects it as unknown); it belongs under match.${home}`,
      fixes: fix ? [{ title: `Move portNumber under match.${home}`, edits: fix, preferred: true }] : undefined });
  }
  const portName = getProperty(patch.listener, 'portName');
  if (portName) {
    findings.push({ ...anchorOf(portName), severity: 'warning', code: 'envoyfilter-port-name-not-implemented',
      message: 'listener.portName is not implemented: istiod ignores it, so this match is not narrowed by port name; use portNumber' });
  }
}

function homeOfPort(patch: ConfigPatch): 'listener' | 'routeConfiguration' | 'cluster' {
  if (patch.routeConfiguration) return 'routeConfiguration';
  if (patch.cluster) return 'cluster';
  return expectedMatch(patch.applyTo) ?? 'listener';
}

function movePortNumber(property: PropertyNode, homeName: string, home: PropertyNode | undefined, editor: TextEditor): OffsetEdit[] | undefined {
  const value = property.value;
  if (!value || value.type !== 'number') return undefined;
  if (!home) {
    if (editor.isFlow(value)) return undefined;
    const indent = editor.columnOf(property.keyOffset);
    return [{
      offset: property.keyOffset,
      length: value.offset + value.length - property.keyOffset,
      newText: editor.blockProperty(homeName, { portNumber: value.value }, indent),
    }];
  }
  if (home.value?.type !== 'object' || getProperty(home.value, 'portNumber')) return undefined;
  const removal = editor.deleteProperty(property);
  if (!removal) return undefined;
  return [removal, editor.insertProperties(home.value, { portNumber: value.value })];
}

function checkVirtualHostName(patch: ConfigPatch, findings: Finding[]): void {
  const node = getProperty(getProperty(patch.routeConfiguration, 'vhost')?.value, 'name')?.value;
  const name = stringValue(node);
  if (!node || name === undefined || !name.includes('*')) return;
  findings.push({ offset: node.offset, length: node.length, severity: 'warning', code: 'envoyfilter-vhost-name-exact',
    message: `vhost.name is compared exactly with the virtual host names istiod generates ("host:port"); "${name}" is not a wildcard and matches only a virtual host named exactly that. Leave name out to match every virtual host, or use domainName.` });
}

/** Istio generates canonical names only, so a deprecated one in a match selects nothing. */
export function checkDeprecatedName(node: ValueNode | undefined, editor: TextEditor, findings: Finding[], where: 'match' | 'value'): void {
  const name = stringValue(node);
  const canonical = name !== undefined ? deprecatedExtensionNames[name] : undefined;
  if (!node || !canonical) return;
  findings.push({
    offset: node.offset, length: node.length, severity: 'warning', code: 'envoyfilter-deprecated-filter-name',
    message: where === 'match'
      ? `"${name}" is a deprecated name; istiod generates "${canonical}", so this match never matches anything`
      : `"${name}" is a deprecated name that current Envoy no longer accepts and later EnvoyFilters cannot match; use "${canonical}"`,
    tags: ['deprecated'],
    fixes: [{ title: `Use ${canonical}`, edits: [editor.replaceScalar(node, canonical)], preferred: true }],
  });
}
