import type { JsonObject } from '../dump/types';
import { arr, obj, objects, plural, str } from '../dump/json';
import { findRouteConfig } from '../dump/lookup';
import { retryPolicySummary, routeAction, routeMatchSummary } from '../dump/describeRoute';
import { describeIstioRouteName } from '../istio/names';
import type { ExplainContext } from './context';
import { LIMITS, reachCluster } from './context';
import type { ExplanationItem, TextPart } from './types';
import { code, item, t, toned, withChildren } from './types';

/** Sections for the route configurations an HCM uses: virtual hosts with domains, then each route's match → action. */
export function explainRouteConfigs(context: ExplainContext): void {
  const pending = context.routeConfigs;
  context.routeConfigs = [];
  for (const reference of pending) {
    if (context.explainedRouteConfigs.has(reference.key)) continue;
    context.explainedRouteConfigs.add(reference.key);
    const link = reference.inline ? undefined : { kind: 'routeConfig' as const, name: reference.name };
    const found = reference.inline ?? findRouteConfig(context.dump, reference.name)?.config;
    const items: ExplanationItem[] = [];
    const istio = reference.name ? describeIstioRouteName(reference.name) : undefined;
    if (istio) items.push(toned(item(istio), 'note'));
    if (!found) {
      items.push(toned(item('Not in this dump: the listener asks RDS for ', code(reference.name), ', but the dump has no route configuration of that name.'), 'warning'));
    } else {
      items.push(...routeConfigItems(context, found));
    }
    context.sections.push({
      id: `routes:${reference.key}`,
      title: [t(reference.inline ? 'Inline route configuration ' : 'Route configuration '), code(reference.name || '(unnamed)', link)],
      target: link,
      items,
    });
    context.path.push([t('routes '), code(reference.name || '(inline)', link)]);
  }
}

function routeConfigItems(context: ExplainContext, routeConfig: JsonObject): ExplanationItem[] {
  const hosts = objects(routeConfig.virtual_hosts);
  const items: ExplanationItem[] = [
    item(
      `${plural(hosts.length, 'virtual host')}. A request is matched to the virtual host whose domains contain its Host/:authority (exact, then suffix/prefix wildcards, then "*"), then to the first route that matches.`,
    ),
  ];
  if (routeConfig.validate_clusters === false) items.push(item('Clusters are not validated: a route to a missing cluster answers 503 (NC) at request time.'));
  for (const vhost of hosts.slice(0, LIMITS.virtualHosts)) items.push(virtualHostItem(context, vhost));
  if (hosts.length > LIMITS.virtualHosts) {
    const rest = hosts.slice(LIMITS.virtualHosts);
    for (const vhost of rest) for (const route of objects(vhost.routes)) for (const target of routeAction(route).clusters) reachCluster(context, target.name);
    items.push(toned(item(`… and ${rest.length} more virtual hosts (not listed; open the route configuration to see them).`), 'note'));
  }
  return items;
}

function virtualHostItem(context: ExplainContext, vhost: JsonObject): ExplanationItem {
  const domains = arr(vhost.domains).map(String);
  const shown = domains.slice(0, 8);
  const head: TextPart[] = [t('Virtual host '), code(str(vhost.name) ?? '(unnamed)'), t(' — domains ')];
  shown.forEach((domain, index) => {
    if (index > 0) head.push(t(', '));
    head.push(code(domain));
  });
  if (domains.length > shown.length) head.push(t(` (+${domains.length - shown.length} more)`));
  const children: ExplanationItem[] = [];
  const retry = retryPolicySummary(obj(vhost.retry_policy));
  if (retry) children.push(item(`retry policy for all its routes: ${retry}`));
  const routes = objects(vhost.routes);
  for (const route of routes.slice(0, LIMITS.routesPerHost)) children.push(routeItem(context, route));
  if (routes.length > LIMITS.routesPerHost) {
    for (const route of routes.slice(LIMITS.routesPerHost)) for (const target of routeAction(route).clusters) reachCluster(context, target.name);
    children.push(toned(item(`… ${routes.length - LIMITS.routesPerHost} more routes`), 'note'));
  }
  if (routes.length === 0) children.push(toned(item('no routes: every request to these domains gets 404 (NR)'), 'warning'));
  return { parts: head, children };
}

function routeItem(context: ExplainContext, route: JsonObject): ExplanationItem {
  const action = routeAction(route);
  for (const target of action.clusters) reachCluster(context, target.name);
  const parts: TextPart[] = [t(`${routeMatchSummary(obj(route.match))} `)];
  if (action.clusters.length === 1 && str(obj(route.route)?.cluster) !== undefined) {
    const name = action.clusters[0].name;
    parts.push(t('→ cluster '), code(name, { kind: 'cluster', name }));
    const rest = action.text.split('; ').slice(1);
    if (rest.length) parts.push(t(`; ${rest.join('; ')}`));
  } else if (action.clusters.length > 1 || obj(obj(route.route)?.weighted_clusters)) {
    parts.push(t('→ weighted: '));
    action.clusters.forEach((target, index) => {
      if (index > 0) parts.push(t(', '));
      parts.push(code(target.name, { kind: 'cluster', name: target.name }), t(` ${target.weight ?? '?'}`));
    });
    const rest = action.text.split('; ').slice(1);
    if (rest.length) parts.push(t(`; ${rest.join('; ')}`));
  } else {
    parts.push(t(action.text));
  }
  const name = str(route.name);
  const entry: ExplanationItem = { parts };
  return name && name !== 'default' ? withChildren(entry, [item('route name ', code(name))]) : entry;
}
