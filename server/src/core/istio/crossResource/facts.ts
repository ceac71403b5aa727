import type { AnalyzedDocument } from '../../analyze';
import { getProperty, getValue, stringValue, type ObjectNode, type ValueNode } from '../../document/nodes';
import { recognizeDocument } from '../../recognize';

/**
 * The few facts of an Istio resource (and of the workloads beside it) that checks across resources read. Plain data:
 * the workspace index keeps them for files that are not open, so nothing here may hold on to a syntax tree.
 */
export interface Span {
  offset: number;
  length: number;
}

/** A string as written, with where it was written (only meaningful in the file it came from). */
export interface Located {
  value: string;
  at: Span;
}

interface FactBase {
  namespace: string;
  name: string;
  /** where `metadata.name` is written, for go to definition */
  nameAt?: Span;
  /** the file the resource came from when it is not the file being checked (a URI or a path) */
  source?: string;
}

export interface VirtualServiceFact extends FactBase {
  kind: 'VirtualService';
  hosts: Located[];
  gateways: Located[];
  exportTo?: string[];
  /** route, mirror and mirrors destinations that name a subset */
  subsetRefs: { host: string; subset: Located }[];
  /** the gateways of http, tcp and tls matches */
  matchGateways: Located[];
}

export interface DestinationRuleFact extends FactBase {
  kind: 'DestinationRule';
  host: string;
  /** the names of `spec.subsets`, with the pod labels each selects */
  subsets: (Located & { labels?: Record<string, string> })[];
  exportTo?: string[];
}

export interface GatewayFact extends FactBase {
  kind: 'Gateway';
  selector: Record<string, string>;
  servers: { port?: number; hosts: Located[] }[];
}

export interface ServiceEntryFact extends FactBase {
  kind: 'ServiceEntry';
  hosts: string[];
  ports: { number: number; protocol?: Located }[];
  exportTo?: string[];
}

export interface SidecarFact extends FactBase {
  kind: 'Sidecar';
  selector?: Record<string, string>;
  selectorAt?: Span;
}

export interface EnvoyFilterFact extends FactBase {
  kind: 'EnvoyFilter';
  selector?: Record<string, string>;
  selectorAt?: Span;
  /** some patch matches `context: GATEWAY`, so the filter is meant for gateway proxies */
  gatewayContext: boolean;
}

/** A Pod, or a controller whose pod template carries the labels its pods get. */
export interface WorkloadFact extends FactBase {
  kind: 'Workload';
  workloadKind: string;
  labels: Record<string, string>;
}

export type IstioResourceFact = VirtualServiceFact | DestinationRuleFact | GatewayFact | ServiceEntryFact | SidecarFact | EnvoyFilterFact | WorkloadFact;

/** Facts of the files checked together with this one (a CLI file set) or of the rest of the workspace. */
export interface RelatedResources {
  istio: readonly IstioResourceFact[];
  /** `file-set`: the user named the files together, so a conflict with them is as sure as one inside the file */
  origin: 'file-set' | 'workspace';
}

export const DEFAULT_NAMESPACE = 'default';

const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);

/** An Istio networking resource of a file, alone or as an item of a Kubernetes List. */
export interface IstioResourceNode {
  root: ObjectNode;
  kindName: string;
}

export function istioNetworkingResources(documents: readonly AnalyzedDocument[]): IstioResourceNode[] {
  const found: IstioResourceNode[] = [];
  const visit = (root: ValueNode | undefined, kind = recognizeDocument(root)) => {
    if (root?.type !== 'object' || kind?.kind !== 'istio' || kind.group !== 'networking.istio.io') return;
    found.push({ root, kindName: kind.kindName });
  };
  for (const { document, kind } of documents) {
    if (kind?.kind === 'kubernetes-list') {
      const items = getValue(document.root, 'items');
      if (items?.type === 'array') for (const item of items.items) visit(item);
    } else {
      visit(document.root, kind);
    }
  }
  return found;
}

export function istioFactsOf(documents: readonly AnalyzedDocument[], source?: string): IstioResourceFact[] {
  const facts: IstioResourceFact[] = [];
  for (const { root, kindName } of istioNetworkingResources(documents)) {
    const fact = resourceFact(root, kindName);
    if (fact) facts.push(source === undefined ? fact : { ...fact, source });
  }
  for (const { document, kind } of documents) {
    if (kind !== undefined) continue;
    const workload = workloadFact(document.root);
    if (workload) facts.push(source === undefined ? workload : { ...workload, source });
  }
  return facts;
}

export function identityOf(fact: IstioResourceFact): string {
  return `${fact.kind}/${fact.namespace}/${fact.name}`;
}

function resourceFact(root: ObjectNode, kindName: string): IstioResourceFact | undefined {
  const metadata = getValue(root, 'metadata');
  const nameNode = getValue(metadata, 'name');
  const name = stringValue(nameNode);
  const namespace = stringValue(getValue(metadata, 'namespace')) || DEFAULT_NAMESPACE;
  // A template (Helm, Kustomize vars) is not a resource yet: its placeholders would match or clash with anything.
  const spec = getValue(root, 'spec');
  if (!name || !nameNode || isPlaceholder(name) || isPlaceholder(namespace) || hasPlaceholder(spec)) return undefined;
  const nameAt = { offset: nameNode.offset, length: nameNode.length };
  switch (kindName) {
    case 'VirtualService':
      return {
        kind: 'VirtualService', namespace, name, nameAt,
        hosts: locatedStrings(getValue(spec, 'hosts')),
        gateways: locatedStrings(getValue(spec, 'gateways')),
        exportTo: plainStrings(getValue(spec, 'exportTo')),
        subsetRefs: subsetReferences(spec),
        matchGateways: ['http', 'tcp', 'tls'].flatMap((protocol) =>
          itemsOf(getValue(spec, protocol)).flatMap((rule) => itemsOf(getValue(rule, 'match')).flatMap((match) => locatedStrings(getValue(match, 'gateways'))))),
      };
    case 'DestinationRule':
      return {
        kind: 'DestinationRule', namespace, name, nameAt,
        host: stringValue(getValue(spec, 'host')) ?? '',
        subsets: itemsOf(getValue(spec, 'subsets')).flatMap((subset) => {
          const subsetName = getValue(subset, 'name');
          if (subsetName?.type !== 'string' || !subsetName.value) return [];
          const labels = stringMap(getValue(subset, 'labels'));
          return [Object.keys(labels).length > 0 ? { ...located(subsetName), labels } : located(subsetName)];
        }),
        exportTo: plainStrings(getValue(spec, 'exportTo')),
      };
    case 'Gateway':
      return {
        kind: 'Gateway', namespace, name, nameAt,
        selector: stringMap(getValue(spec, 'selector')),
        servers: itemsOf(getValue(spec, 'servers')).map((server) => {
          const port = getValue(getValue(server, 'port'), 'number');
          return { port: port?.type === 'number' ? (port.value as number) : undefined, hosts: locatedStrings(getValue(server, 'hosts')) };
        }),
      };
    case 'ServiceEntry':
      return {
        kind: 'ServiceEntry', namespace, name, nameAt,
        hosts: plainStrings(getValue(spec, 'hosts')) ?? [],
        ports: itemsOf(getValue(spec, 'ports')).flatMap((port) => {
          const number = getValue(port, 'number');
          if (number?.type !== 'number') return [];
          const protocol = getValue(port, 'protocol');
          return [{ number: number.value as number, protocol: protocol?.type === 'string' ? located(protocol) : undefined }];
        }),
        exportTo: plainStrings(getValue(spec, 'exportTo')),
      };
    case 'Sidecar':
      return { kind: 'Sidecar', namespace, name, nameAt, ...workloadSelectorOf(spec) };
    case 'EnvoyFilter':
      return {
        kind: 'EnvoyFilter', namespace, name, nameAt, ...workloadSelectorOf(spec),
        gatewayContext: itemsOf(getValue(spec, 'configPatches')).some((patch) => stringValue(getValue(getValue(patch, 'match'), 'context')) === 'GATEWAY'),
      };
    default:
      return undefined;
  }
}

/** `spec.workloadSelector.labels` and where it is written; an empty selector is no selector. */
function workloadSelectorOf(spec: ValueNode | undefined): { selector?: Record<string, string>; selectorAt?: Span } {
  const labels = getProperty(getValue(spec, 'workloadSelector'), 'labels');
  const selector = labels?.value?.type === 'object' ? stringMap(labels.value) : undefined;
  return {
    selector: selector && Object.keys(selector).length > 0 ? selector : undefined,
    selectorAt: labels ? { offset: labels.keyOffset, length: labels.keyLength } : undefined,
  };
}

function workloadFact(root: ValueNode | undefined): WorkloadFact | undefined {
  const kindName = stringValue(getValue(root, 'kind'));
  const apiVersion = stringValue(getValue(root, 'apiVersion'));
  if (!kindName || !apiVersion || !/^(v1|apps\/v1|batch\/v1|extensions\/v1beta1|apps\/v1beta\d)$/.test(apiVersion)) return undefined;
  const metadata = getValue(root, 'metadata');
  const name = stringValue(getValue(metadata, 'name'));
  if (!name) return undefined;
  let labelsNode: ValueNode | undefined;
  if (kindName === 'Pod') labelsNode = getValue(metadata, 'labels');
  else if (POD_TEMPLATE_KINDS.has(kindName)) labelsNode = getValue(getValue(getValue(getValue(root, 'spec'), 'template'), 'metadata'), 'labels');
  else if (kindName === 'CronJob') {
    const template = getValue(getValue(getValue(getValue(root, 'spec'), 'jobTemplate'), 'spec'), 'template');
    labelsNode = getValue(getValue(template, 'metadata'), 'labels');
  } else return undefined;
  const namespace = stringValue(getValue(metadata, 'namespace')) || DEFAULT_NAMESPACE;
  return { kind: 'Workload', workloadKind: kindName, namespace, name, labels: stringMap(labelsNode) };
}

function subsetReferences(spec: ValueNode | undefined): VirtualServiceFact['subsetRefs'] {
  const destinations: ValueNode[] = [];
  for (const protocol of ['http', 'tcp', 'tls']) {
    for (const rule of itemsOf(getValue(spec, protocol))) {
      for (const route of itemsOf(getValue(rule, 'route'))) pushIfObject(destinations, getValue(route, 'destination'));
      if (protocol !== 'http') continue;
      pushIfObject(destinations, getValue(rule, 'mirror'));
      for (const mirror of itemsOf(getValue(rule, 'mirrors'))) pushIfObject(destinations, getValue(mirror, 'destination'));
    }
  }
  return destinations.flatMap((destination) => {
    const host = stringValue(getValue(destination, 'host'));
    const subset = getValue(destination, 'subset');
    return host && subset?.type === 'string' && subset.value ? [{ host, subset: located(subset) }] : [];
  });
}

function pushIfObject(into: ValueNode[], node: ValueNode | undefined): void {
  if (node?.type === 'object') into.push(node);
}

export function itemsOf(node: ValueNode | undefined): ValueNode[] {
  return node?.type === 'array' ? node.items : [];
}

function located(node: ValueNode): Located {
  return { value: node.type === 'object' || node.type === 'array' ? '' : String(node.value), at: { offset: node.offset, length: node.length } };
}

function locatedStrings(node: ValueNode | undefined): Located[] {
  return itemsOf(node).filter((item) => item.type === 'string').map(located);
}

function isPlaceholder(value: string): boolean {
  return /\{\{|\$\{|\$\(/.test(value);
}

function hasPlaceholder(node: ValueNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'string') return isPlaceholder(node.value as string);
  if (node.type === 'array') return node.items.some(hasPlaceholder);
  if (node.type === 'object') return node.properties.some((property) => isPlaceholder(property.key) || hasPlaceholder(property.value));
  return false;
}

function plainStrings(node: ValueNode | undefined): string[] | undefined {
  if (node?.type === 'string') return [node.value as string];
  if (node?.type !== 'array') return undefined;
  return node.items.flatMap((item) => (item.type === 'string' ? [item.value as string] : []));
}

function stringMap(node: ValueNode | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  if (node?.type !== 'object') return map;
  for (const property of node.properties) {
    const value = property.value;
    if (value && (value.type === 'string' || value.type === 'number' || value.type === 'boolean')) map[property.key] = String(value.value);
  }
  return map;
}
