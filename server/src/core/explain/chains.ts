import type { JsonObject } from '../dump/types';
import { arr, obj, objects, str, typedConfig } from '../dump/json';
import { findRouteConfig } from '../dump/lookup';
import { filterChainMatchSummary, hcmRouteSource, isHttpConnectionManager, isTcpProxy, tcpProxyClusters } from '../dump/describe';
import { summarizeTransportSocket } from '../dump/describeTls';
import type { ExplainContext } from './context';
import { reachCluster } from './context';
import { describeHttpFilter, describeNetworkFilter } from './filters';
import type { ExplanationItem, TextPart } from './types';
import { code, item, t, toned, withChildren } from './types';

/** Items for one filter chain: what selects it, its TLS, and each network filter (HCM and tcp_proxy in detail). */
export function chainItems(context: ExplainContext, chain: JsonObject, isDefault: boolean, selectedByMatcher: string[] | undefined): ExplanationItem[] {
  const items: ExplanationItem[] = [];
  if (isDefault) {
    items.push(item('Selected when no other filter chain matches.'));
  } else if (selectedByMatcher) {
    items.push(
      selectedByMatcher.length
        ? withChildren(item('Selected by the filter_chain_matcher when:'), selectedByMatcher.map((rule) => item(rule)))
        : toned(item('No filter_chain_matcher rule selects this chain.'), 'warning'),
    );
  } else {
    items.push(item(`Selected when: ${filterChainMatchSummary(obj(chain.filter_chain_match))}.`));
  }
  const socket = obj(chain.transport_socket);
  if (socket) items.push(item(`Downstream: ${summarizeTransportSocket(socket).text}.`));
  const filters = objects(chain.filters);
  const filterItems = filters.map((filter, index) => networkFilterItem(context, filter, index < filters.length - 1));
  items.push(withChildren(item(`Network filters, in order (${filters.length}):`), filterItems));
  return items;
}

function networkFilterItem(context: ExplainContext, filter: JsonObject, followedByMore: boolean): ExplanationItem {
  const name = str(filter.name) ?? '(unnamed)';
  const head = item(code(name), ` — ${describeNetworkFilter(filter)}`);
  const children: ExplanationItem[] = [];
  const config = typedConfig(filter).config;
  if (isHttpConnectionManager(filter)) {
    children.push(...hcmItems(context, config));
    if (followedByMore) children.push(toned(item('Filters after the HTTP connection manager never run: it is a terminal filter.'), 'warning'));
  } else if (isTcpProxy(filter)) {
    children.push(...tcpProxyItems(context, config));
    if (followedByMore) children.push(toned(item('Filters after tcp_proxy never run: it is a terminal filter.'), 'warning'));
  }
  return withChildren(head, children);
}

function hcmItems(context: ExplainContext, hcm: JsonObject): ExplanationItem[] {
  const items: ExplanationItem[] = [];
  const upgrades = objects(hcm.upgrade_configs).map((upgrade) => str(upgrade.upgrade_type) ?? '?');
  const facts: string[] = [];
  const codec = str(hcm.codec_type);
  if (codec && codec !== 'AUTO') facts.push(`codec ${codec}`);
  if (upgrades.length) facts.push(`upgrades ${upgrades.join(', ')}`);
  if (obj(hcm.http2_protocol_options)?.allow_connect === true || upgrades.includes('CONNECT')) facts.push('accepts HTTP CONNECT (tunnels)');
  if (hcm.use_remote_address === true) facts.push('uses the peer address as client address (edge proxy)');
  if (facts.length) items.push(item(facts.join('; ')));
  const filters = objects(hcm.http_filters);
  const filterItems = filters.map((filter, index) => {
    const entry = item(code(str(filter.name) ?? '(unnamed)'), ` — ${describeHttpFilter(filter)}`);
    const isRouter = typedConfig(filter).typeUrl?.endsWith('.Router') || str(filter.name) === 'envoy.filters.http.router';
    return isRouter && index < filters.length - 1 ? toned(item(...entry.parts, t(' — not last: the filters after it never run')), 'warning') : entry;
  });
  const last = filters[filters.length - 1];
  const routerLast = last && (typedConfig(last).typeUrl?.endsWith('.Router') || str(last.name) === 'envoy.filters.http.router');
  if (filters.length && !routerLast) filterItems.push(toned(item('The last HTTP filter is not the router: Envoy rejects this listener.'), 'warning'));
  items.push(withChildren(item(`HTTP filters, in order (${filters.length}):`), filterItems));
  items.push(routeSourceItem(context, hcm));
  return items;
}

function routeSourceItem(context: ExplainContext, hcm: JsonObject): ExplanationItem {
  const source = hcmRouteSource(hcm);
  switch (source.kind) {
    case 'rds': {
      const found = findRouteConfig(context.dump, source.name);
      context.routeConfigs.push({ key: source.name, name: source.name });
      const link = { kind: 'routeConfig' as const, name: source.name };
      return item('Routes: RDS ', code(source.name, link), found ? ' (in this dump, explained below)' : ' — not in this dump');
    }
    case 'inline': {
      const name = str(source.config.name) ?? '';
      const key = `inline:${context.routeConfigs.length}:${name}`;
      context.routeConfigs.push({ key, name, inline: source.config });
      return item('Routes: inline route configuration ', code(name || '(unnamed)'), ' (explained below)');
    }
    case 'scoped':
      return item('Routes: scoped RDS (the route configuration is chosen per request by scope keys).');
    default:
      return toned(item('No route configuration: every request gets 404.'), 'warning');
  }
}

function tcpProxyItems(context: ExplainContext, tcpProxy: JsonObject): ExplanationItem[] {
  const items: ExplanationItem[] = [];
  const clusters = tcpProxyClusters(tcpProxy);
  for (const target of clusters) reachCluster(context, target.name);
  if (clusters.length === 1) {
    items.push(item('Forwards to cluster ', code(clusters[0].name, { kind: 'cluster', name: clusters[0].name })));
  } else if (clusters.length > 1) {
    const parts: TextPart[] = [t('Forwards to weighted clusters: ')];
    clusters.forEach((target, index) => {
      if (index > 0) parts.push(t(', '));
      parts.push(code(target.name, { kind: 'cluster', name: target.name }), t(` ${target.weight ?? '?'}`));
    });
    items.push({ parts });
  } else {
    items.push(toned(item('No cluster set.'), 'warning'));
  }
  const tunneling = obj(tcpProxy.tunneling_config);
  if (tunneling) {
    const hostname = str(tunneling.hostname) ?? '?';
    const meaning = hostname === '%DOWNSTREAM_LOCAL_ADDRESS%' ? ' (the original destination of the connection)' : '';
    const method = tunneling.use_post === true ? 'HTTP POST' : 'HTTP CONNECT';
    items.push(item(`Tunnels the stream inside an ${method} request; :authority = `, code(hostname), meaning));
    const headers = objects(tunneling.headers_to_add).map((header) => str(obj(header.header)?.key)).filter(Boolean);
    if (headers.length) items.push(item(`adds tunnel headers ${headers.join(', ')}`));
  }
  const idle = str(tcpProxy.idle_timeout);
  if (idle) items.push(item(`idle timeout ${idle === '0s' ? 'disabled' : idle}`));
  const accessLogs = arr(tcpProxy.access_log).length;
  if (accessLogs) items.push(item(`${accessLogs} access log(s)`));
  return items;
}
