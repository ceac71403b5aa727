import type { FileAnalysis } from '../analyze';
import { getProperty, stringValue, toPlain, type ObjectNode, type ValueNode } from '../document/nodes';
import type { ConfigDump } from '../dump/types';
import { recognizeDocument } from '../recognize';
import type { Finding } from '../types';
import { matchPatchInDump } from './dumpMatch';
import type { DumpMatchResult, DumpObjectOwner } from './dumpMatchTypes';
import { countOf } from './dumpNarrow';
import { proxyRole } from './dumpProxy';
import { readConfigPatches, type ConfigPatch } from './patchModel';

/** One proxy's configuration, from a loaded dump (or one proxy of a multi-proxy file). */
export interface LoadedProxy {
  label: string;
  dump: ConfigDump;
  dumpId: string;
  proxy?: string;
}

export interface PatchDumpMatch {
  proxy: LoadedProxy;
  result: DumpMatchResult;
}

export interface PatchReport {
  patch: ConfigPatch;
  matches: PatchDumpMatch[];
}

/** A line of text above a configPatch; `target` is the first dump object it selects, to reveal. */
export interface DumpLens {
  offset: number;
  title: string;
  target?: { dumpId: string; proxy?: string; owner: DumpObjectOwner };
}

/** Istio's default root namespace: EnvoyFilters there apply to every namespace. */
const ROOT_NAMESPACE = 'istio-system';

/** Every configPatch of every EnvoyFilter in the file, matched against each loaded proxy. */
export function envoyFilterDumpReports(analysis: FileAnalysis, proxies: LoadedProxy[]): PatchReport[] {
  if (proxies.length === 0 || !analysis.recognized) return [];
  const reports: PatchReport[] = [];
  for (const resource of envoyFilterResources(analysis)) {
    const spec = getProperty(resource, 'spec')?.value;
    if (spec?.type !== 'object') continue;
    const unfit = new Map(proxies.map((proxy) => [proxy, whyNotSelected(resource, spec, proxy.dump)]));
    for (const patch of readConfigPatches(spec)) {
      reports.push({
        patch,
        matches: proxies.map((proxy) => {
          const reason = unfit.get(proxy);
          const result = reason
            ? { applies: false, evaluated: true, reason, action: 'patches' as const, selected: [], notes: [], role: proxyRole(proxy.dump) }
            : matchPatchInDump(patch, proxy.dump);
          if (!reason && hasSelector(spec) && !isRecord(proxy.dump.node?.metadata?.LABELS)) {
            result.notes.push('workloadSelector not checked: the dump does not carry the proxy\'s labels');
          }
          return { proxy, result };
        }),
      });
    }
  }
  return reports;
}

function envoyFilterResources(analysis: FileAnalysis): ValueNode[] {
  const isEnvoyFilter = (kind: ReturnType<typeof recognizeDocument>) => kind?.kind === 'istio' && kind.group === 'networking.istio.io' && kind.kindName === 'EnvoyFilter';
  const found: ValueNode[] = [];
  for (const { document, kind } of analysis.documents) {
    if (!document.root) continue;
    if (isEnvoyFilter(kind)) found.push(document.root);
    if (kind?.kind !== 'kubernetes-list') continue;
    const items = getProperty(document.root, 'items')?.value;
    if (items?.type === 'array') found.push(...items.items.filter((item) => isEnvoyFilter(recognizeDocument(item))));
  }
  return found;
}

/** Whether istiod would hand this EnvoyFilter to the proxy at all: its namespace, workloadSelector and targetRefs. */
function whyNotSelected(resource: ValueNode, spec: ObjectNode, dump: ConfigDump): string | undefined {
  const metadata = dump.node?.metadata;
  const namespace = stringValue(getProperty(getProperty(resource, 'metadata')?.value, 'namespace')?.value);
  const proxyNamespace = typeof metadata?.NAMESPACE === 'string' ? metadata.NAMESPACE : undefined;
  if (namespace && proxyNamespace && namespace !== proxyNamespace && namespace !== ROOT_NAMESPACE) {
    return `the EnvoyFilter is in namespace ${namespace} and this proxy in ${proxyNamespace}; only the proxy's namespace and ${ROOT_NAMESPACE} apply`;
  }
  const targetRefs = getProperty(spec, 'targetRefs')?.value;
  if (targetRefs?.type === 'array' && targetRefs.items.length > 0 && proxyRole(dump) === 'sidecar') {
    return 'targetRefs attach EnvoyFilters to gateways and waypoints, not to sidecars';
  }
  const wanted = toPlain(getProperty(getProperty(spec, 'workloadSelector')?.value, 'labels')?.value);
  const labels = metadata?.LABELS;
  if (!isRecord(wanted) || !isRecord(labels)) return undefined;
  const differing = Object.entries(wanted).filter(([key, value]) => labels[key] !== value);
  if (differing.length === 0) return undefined;
  return `its workloadSelector (${differing.map(([key, value]) => `${key}=${String(value)}`).join(', ')}) does not select this proxy`;
}

function hasSelector(spec: ObjectNode): boolean {
  const labels = getProperty(getProperty(spec, 'workloadSelector')?.value, 'labels')?.value;
  return labels?.type === 'object' && labels.properties.length > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `envoyfilter-matches-nothing` on each patch whose match selects nothing in a proxy it is meant for. */
export function dumpMatchFindings(reports: PatchReport[]): Finding[] {
  const findings: Finding[] = [];
  for (const { patch, matches } of reports) {
    const anchor = patch.matchProperty ?? patch.applyToProperty;
    if (!anchor) continue;
    for (const { proxy, result } of matches) {
      if (!result.applies || !result.evaluated || result.selected.length > 0 || !result.miss) continue;
      findings.push({
        offset: anchor.keyOffset, length: anchor.keyLength, severity: 'warning', code: 'envoyfilter-matches-nothing',
        message: `this match selects nothing in ${proxy.label}: ${result.miss}`,
        data: { dumpId: proxy.dumpId },
      });
    }
  }
  return findings;
}

export function dumpMatchLenses(reports: PatchReport[]): DumpLens[] {
  const lenses: DumpLens[] = [];
  for (const { patch, matches } of reports) {
    for (const { proxy, result } of matches) {
      if (!result.evaluated) continue;
      const first = result.selected[0];
      lenses.push({
        offset: patch.item.offset,
        title: lensTitle(result, proxy.label),
        target: first ? { dumpId: proxy.dumpId, proxy: proxy.proxy, owner: first.owner } : undefined,
      });
    }
  }
  return lenses;
}

const OWNER_WORDS: Record<DumpObjectOwner['kind'], string> = { listener: 'listener', routeConfig: 'route configuration', cluster: 'cluster' };

/** "applies to 3 filter chains of virtualInbound in sidecar.json"; without a label, the same words for a hover. */
export function lensTitle(result: DumpMatchResult, label?: string): string {
  const inLabel = label ? ` in ${label}` : '';
  const toLabel = label ? ` to ${label}` : '';
  if (!result.applies) return `does not apply${toLabel}: ${result.reason}`;
  if (result.action === 'adds') return result.miss ? `adds nothing${toLabel}: ${result.miss}` : `adds a ${result.kind}${toLabel}`;
  if (result.selected.length === 0) return `selects nothing${inLabel}`;
  const verb = result.action === 'adds to' ? 'adds to' : 'applies to';
  const owners = [...new Set(result.selected.map((item) => item.owner.name))];
  const ownerKind = result.selected[0].owner.kind;
  const topLevel = result.kind === OWNER_WORDS[ownerKind];
  const within = topLevel ? '' : owners.length === 1 ? ` of ${owners[0]}` : ` in ${countOf(owners.length, OWNER_WORDS[ownerKind])}`;
  return `${verb} ${countOf(result.selected.length, result.kind ?? 'object')}${within}${inLabel}`;
}

/** Markdown for a hover on a configPatch's `match` key: what it selects in each loaded proxy. */
export function dumpMatchHover(reports: PatchReport[], offset: number): { offset: number; length: number; markdown: string } | undefined {
  const report = reports.find(({ patch }) => {
    const key = patch.matchProperty;
    return key !== undefined && offset >= key.keyOffset && offset <= key.keyOffset + key.keyLength;
  });
  if (!report || report.matches.length === 0) return undefined;
  const key = report.patch.matchProperty!;
  const sections = report.matches.map(({ proxy, result }) => {
    const heading = `**${escape(proxy.label)}** (${result.role})`;
    if (!result.evaluated) return `${heading}: not evaluated (${escape(result.reason ?? '')})`;
    const lines = [`${heading}: ${escape(lensTitle(result))}`];
    if (result.applies && result.selected.length === 0 && result.miss) lines.push(`- ${escape(result.miss)}`);
    for (const item of result.selected.slice(0, 12)) lines.push(`- \`${item.path.replace(/`/g, "'")}\``);
    if (result.selected.length > 12) lines.push(`- …and ${result.selected.length - 12} more`);
    for (const note of result.notes) lines.push(`- _${escape(note)}_`);
    return lines.join('\n');
  });
  return { offset: key.keyOffset, length: key.keyLength, markdown: sections.join('\n\n') };
}

/** Dump text (names, labels) goes into Markdown; keep it from being read as markup. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (ch) => `\\${ch}`);
}
