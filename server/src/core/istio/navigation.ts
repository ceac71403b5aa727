import type { FileAnalysis } from '../analyze';
import type { TargetLocation } from '../navigation/definition';
import { displaySource } from '../envoy/relatedClusters';
import { istioFactsOf, type DestinationRuleFact, type GatewayFact, type IstioResourceFact, type Span, type VirtualServiceFact } from './crossResource/facts';
import { exportScope, fqdn, MESH_GATEWAY, resolveGatewayReference, visibleIn } from './crossResource/scope';

/** What a position in an Istio resource names: a subset of a DestinationRule, or a Gateway. */
export type IstioTarget =
  | { kind: 'subset'; host: string; subset: string; namespace: string; isDefinition: boolean }
  | { kind: 'gateway'; namespace: string; name: string; isDefinition: boolean };

const factsByAnalysis = new WeakMap<FileAnalysis, IstioResourceFact[]>();

/** The Istio facts of an analysed file, with the positions of its own text. */
function localFacts(analysis: FileAnalysis): IstioResourceFact[] {
  let facts = factsByAnalysis.get(analysis);
  if (!facts) factsByAnalysis.set(analysis, (facts = istioFactsOf(analysis.documents)));
  return facts;
}

const contains = (span: Span | undefined, offset: number) => span !== undefined && offset >= span.offset && offset <= span.offset + span.length;

/** The subset or Gateway a position names or defines (a VirtualService's `subset:` and `gateways:`, their targets' names). */
export function istioTargetAt(analysis: FileAnalysis, offset: number): IstioTarget | undefined {
  if (!analysis.recognized) return undefined;
  for (const fact of localFacts(analysis)) {
    if (fact.kind === 'VirtualService') {
      const subset = fact.subsetRefs.find((ref) => contains(ref.subset.at, offset));
      if (subset) return { kind: 'subset', host: fqdn(subset.host, fact.namespace), subset: subset.subset.value, namespace: fact.namespace, isDefinition: false };
      const gateway = [...fact.gateways, ...fact.matchGateways].find((ref) => contains(ref.at, offset));
      if (gateway && gateway.value !== MESH_GATEWAY) return { kind: 'gateway', ...resolveGatewayReference(gateway.value, fact.namespace), isDefinition: false };
    } else if (fact.kind === 'DestinationRule') {
      const subset = fact.subsets.find((s) => contains(s.at, offset));
      if (subset) return { kind: 'subset', host: fqdn(fact.host, fact.namespace), subset: subset.value, namespace: fact.namespace, isDefinition: true };
    } else if (fact.kind === 'Gateway' && contains(fact.nameAt, offset)) {
      return { kind: 'gateway', namespace: fact.namespace, name: fact.name, isDefinition: true };
    }
  }
  return undefined;
}

/** Facts of this file (`uri`) and of others (each with its `source`), positions in their own files. */
function everyFact(analysis: FileAnalysis, uri: string, others: readonly IstioResourceFact[]): { fact: IstioResourceFact; uri: string }[] {
  return [
    ...localFacts(analysis).map((fact) => ({ fact, uri })),
    ...others.filter((fact) => fact.source !== undefined && fact.source !== uri).map((fact) => ({ fact, uri: fact.source! })),
  ];
}

const at = (uri: string, span: Span): TargetLocation => ({ uri, offset: span.offset, length: span.length });

function ruleServes(rule: DestinationRuleFact, host: string, namespace: string): boolean {
  return fqdn(rule.host, rule.namespace) === host && visibleIn(exportScope(rule.exportTo, rule.namespace), namespace);
}

type Defined =
  | { kind: 'subset'; file: string; rule: DestinationRuleFact; subset: DestinationRuleFact['subsets'][number] }
  | { kind: 'gateway'; file: string; gateway: GatewayFact };

/** What defines a subset or Gateway: the subsets of that name in the DestinationRules for the host, the Gateway itself. */
function definedBy(target: IstioTarget, analysis: FileAnalysis, uri: string, others: readonly IstioResourceFact[]): Defined[] {
  const found: Defined[] = [];
  for (const { fact, uri: file } of everyFact(analysis, uri, others)) {
    if (target.kind === 'subset' && fact.kind === 'DestinationRule' && ruleServes(fact, target.host, target.namespace)) {
      for (const subset of fact.subsets) if (subset.value === target.subset) found.push({ kind: 'subset', file, rule: fact, subset });
    } else if (target.kind === 'gateway' && fact.kind === 'Gateway' && fact.namespace === target.namespace && fact.name === target.name) {
      found.push({ kind: 'gateway', file, gateway: fact });
    }
  }
  return found;
}

/** Where a subset or Gateway is defined: the subset's `name` in the DestinationRules for the host, the Gateway's name. */
export function istioDefinitions(target: IstioTarget, analysis: FileAnalysis, uri: string, others: readonly IstioResourceFact[]): TargetLocation[] {
  return definedBy(target, analysis, uri, others).flatMap((defined) => {
    const span = defined.kind === 'subset' ? defined.subset.at : defined.gateway.nameAt;
    return span ? [at(defined.file, span)] : [];
  });
}

const labelsText = (labels: Record<string, string> | undefined) =>
  labels && Object.keys(labels).length ? Object.entries(labels).map(([key, value]) => `\`${key}=${value}\``).join(', ') : undefined;

/** What a VirtualService's subset or gateway reaches: the pods the subset selects, the proxies and ports the Gateway opens. */
export function istioReferenceHover(target: IstioTarget, analysis: FileAnalysis, uri: string, others: readonly IstioResourceFact[] | undefined): string | undefined {
  if (target.isDefinition) return undefined;
  const lines = definedBy(target, analysis, uri, others ?? []).map((defined) => {
    const where = defined.file === uri ? '' : ` (in \`${displaySource(defined.file)}\`)`;
    if (defined.kind === 'subset') {
      const selects = labelsText(defined.subset.labels);
      return `Subset \`${defined.subset.value}\` of DestinationRule ${defined.rule.namespace}/${defined.rule.name}${where}: ${selects ? `pods labelled ${selects}` : 'no labels (every pod of the host)'}`;
    }
    const { gateway } = defined;
    const servers = gateway.servers.map((server) => `${server.port ?? '?'} for ${server.hosts.map((h) => h.value).join(', ') || 'no host'}`).join('; ');
    return `Gateway ${gateway.namespace}/${gateway.name}${where}: on proxies labelled ${labelsText(gateway.selector) ?? '(any)'}; ports ${servers || 'none'}`;
  });
  if (lines.length) return lines.join('\n\n');
  // without the workspace's facts (a large file, hovered in the analysis worker) only the file was searched
  const searched = others ? 'this file or the workspace' : 'this file';
  return target.kind === 'subset'
    ? `_No DestinationRule for ${target.host} defines subset \`${target.subset}\` in ${searched}._`
    : `_No Gateway ${target.namespace}/${target.name} in ${searched}._`;
}

/** Every VirtualService place that names the subset or Gateway, and its definitions when asked. */
export function istioReferences(target: IstioTarget, analysis: FileAnalysis, uri: string, others: readonly IstioResourceFact[], includeDeclaration: boolean): TargetLocation[] {
  const found: TargetLocation[] = includeDeclaration ? istioDefinitions(target, analysis, uri, others) : [];
  for (const { fact, uri: file } of everyFact(analysis, uri, others)) {
    if (fact.kind !== 'VirtualService') continue;
    for (const place of referencesIn(fact, target)) found.push(at(file, place));
  }
  return found;
}

function referencesIn(service: VirtualServiceFact, target: IstioTarget): Span[] {
  if (target.kind === 'subset') {
    return service.subsetRefs.filter((ref) => ref.subset.value === target.subset && fqdn(ref.host, service.namespace) === target.host).map((ref) => ref.subset.at);
  }
  return [...service.gateways, ...service.matchGateways]
    .filter((ref) => {
      if (ref.value === MESH_GATEWAY) return false;
      const named = resolveGatewayReference(ref.value, service.namespace);
      return named.namespace === target.namespace && named.name === target.name;
    })
    .map((ref) => ref.at);
}
