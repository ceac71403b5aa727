import type { ConfigDump, ListenerState } from '../dump/types';
import { obj, typedConfig } from '../dump/json';
import { allFilterChains, formatAddress, hcmRouteSource, isHttpConnectionManager, isInternalListener, isTcpProxy, listenerPort, tcpProxyClusters } from '../dump/describe';
import { describeIstioListener } from '../istio/names';

export interface ListenerSummary {
  name: string;
  /** `0.0.0.0:443`, `internal`, or undefined when the listener has no address. */
  address?: string;
  port?: number;
  state: ListenerState;
  internal: boolean;
  /** e.g. `HTTP → RDS http.443`, `TCP → outbound|443||…`, or the Istio meaning of the name. */
  summary: string;
}

/** Listeners for a picker, in dump order, with one line each. */
export function listListeners(source: ConfigDump): ListenerSummary[] {
  return source.listeners.map((entry) => {
    const internal = isInternalListener(entry.config);
    return {
      name: entry.name,
      address: internal ? 'internal' : formatAddress(obj(entry.config.address)),
      port: listenerPort(entry.config),
      state: entry.state,
      internal,
      summary: summarize(entry.config, describeIstioListener(entry.name, source.node?.istioProxyType)),
    };
  });
}

function summarize(listener: Record<string, unknown>, istio: string | undefined): string {
  const chains = allFilterChains(listener);
  const kinds = new Set<string>();
  for (const { chain } of chains) {
    for (const filter of Array.isArray(chain.filters) ? chain.filters : []) {
      const filterObject = obj(filter);
      if (!filterObject) continue;
      if (isHttpConnectionManager(filterObject)) {
        const source = hcmRouteSource(typedConfig(filterObject).config);
        kinds.add(source.kind === 'rds' ? `HTTP → RDS ${source.name}` : 'HTTP (inline routes)');
      } else if (isTcpProxy(filterObject)) {
        const clusters = tcpProxyClusters(typedConfig(filterObject).config);
        kinds.add(`TCP → ${clusters.map((cluster) => cluster.name).join(', ') || '?'}`);
      }
    }
  }
  const shown = [...kinds].slice(0, 3);
  const traffic = shown.length ? `${shown.join('; ')}${kinds.size > shown.length ? `; +${kinds.size - shown.length} more` : ''}` : `${chains.length} chain(s)`;
  return istio && !/^Istio (listener for port|outbound listener)/.test(istio) ? `${traffic} — ${istio.split(':')[0]}` : traffic;
}
