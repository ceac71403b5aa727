import type { JsonObject } from './types';
import { arr, num, obj, objAt, objects, str, wrapped } from './json';

/** Readable summaries of route matches and actions. */

function stringMatcher(matcher: JsonObject | undefined): string | undefined {
  if (!matcher) return undefined;
  const ignoreCase = matcher.ignore_case === true ? ' (any case)' : '';
  if (str(matcher.exact) !== undefined) return `= "${str(matcher.exact)}"${ignoreCase}`;
  if (str(matcher.prefix) !== undefined) return `starts with "${str(matcher.prefix)}"${ignoreCase}`;
  if (str(matcher.suffix) !== undefined) return `ends with "${str(matcher.suffix)}"${ignoreCase}`;
  if (str(matcher.contains) !== undefined) return `contains "${str(matcher.contains)}"${ignoreCase}`;
  const regex = str(objAt(matcher, 'safe_regex')?.regex);
  if (regex !== undefined) return `~ /${regex}/`;
  return undefined;
}

function headerMatch(header: JsonObject): string {
  const name = str(header.name) ?? '?';
  const invert = header.invert_match === true ? 'NOT ' : '';
  const condition =
    stringMatcher(obj(header.string_match)) ??
    (str(header.exact_match) !== undefined ? `= "${str(header.exact_match)}"` : undefined) ??
    (str(header.prefix_match) !== undefined ? `starts with "${str(header.prefix_match)}"` : undefined) ??
    (str(header.suffix_match) !== undefined ? `ends with "${str(header.suffix_match)}"` : undefined) ??
    (str(objAt(header, 'safe_regex_match')?.regex) !== undefined ? `~ /${str(objAt(header, 'safe_regex_match')?.regex)}/` : undefined) ??
    (header.present_match !== undefined ? (header.present_match === false ? 'is absent' : 'is present') : undefined) ??
    (obj(header.range_match) ? `in [${num(objAt(header, 'range_match')?.start)}, ${num(objAt(header, 'range_match')?.end)})` : undefined) ??
    'is present';
  return `${invert}header ${name} ${condition}`;
}

export function routeMatchSummary(match: JsonObject | undefined): string {
  if (!match) return 'any request';
  const parts: string[] = [];
  if (str(match.prefix) !== undefined) parts.push(str(match.prefix) === '/' ? 'any path (prefix /)' : `path prefix ${str(match.prefix)}`);
  else if (str(match.path) !== undefined) parts.push(`path = ${str(match.path)}`);
  else if (str(objAt(match, 'safe_regex')?.regex) !== undefined) parts.push(`path ~ /${str(objAt(match, 'safe_regex')?.regex)}/`);
  else if (str(match.path_separated_prefix) !== undefined) parts.push(`path segment prefix ${str(match.path_separated_prefix)}`);
  else if (obj(match.connect_matcher)) parts.push('CONNECT requests');
  else if (obj(match.path_match_policy)) parts.push(`path template ${str(objAt(match, 'path_match_policy', 'typed_config')?.path_template) ?? '(extension)'}`);
  if (wrapped(match.case_sensitive) === false) parts.push('case-insensitive');
  for (const header of objects(match.headers)) parts.push(headerMatch(header));
  for (const query of objects(match.query_parameters)) {
    const condition = stringMatcher(obj(query.string_match)) ?? (query.present_match === true ? 'is present' : 'is present');
    parts.push(`query ${str(query.name) ?? '?'} ${condition}`);
  }
  if (obj(match.grpc)) parts.push('gRPC only');
  if (obj(match.runtime_fraction)) parts.push('runtime fraction');
  return parts.length ? parts.join(', ') : 'any request';
}

export interface RouteTargets {
  /** Clusters this route may send to, with weights for weighted routes. */
  clusters: { name: string; weight?: number }[];
  /** Text for actions that are not a fixed cluster: redirect, direct response, cluster_header… */
  text: string;
}

function durationText(value: unknown): string | undefined {
  const text = str(value);
  if (text === undefined) return undefined;
  return text === '0s' ? 'none (0s)' : text;
}

export function retryPolicySummary(policy: JsonObject | undefined): string | undefined {
  if (!policy) return undefined;
  const parts: string[] = [];
  const attempts = num(wrapped(policy.num_retries));
  parts.push(`${attempts ?? 1} retr${attempts === 1 || attempts === undefined ? 'y' : 'ies'}`);
  const on = str(policy.retry_on);
  if (on) parts.push(`on ${on}`);
  const perTry = str(policy.per_try_timeout);
  if (perTry) parts.push(`per try ${perTry}`);
  const statuses = arr(policy.retriable_status_codes).map(String);
  if (statuses.length) parts.push(`status ${statuses.join(',')}`);
  return parts.join(', ');
}

export function routeAction(route: JsonObject): RouteTargets {
  const action = obj(route.route);
  if (action) {
    const extras: string[] = [];
    let clusters: RouteTargets['clusters'] = [];
    let head: string;
    const single = str(action.cluster);
    if (single !== undefined) {
      clusters = [{ name: single }];
      head = `→ cluster ${single}`;
    } else if (obj(action.weighted_clusters)) {
      clusters = objects(objAt(action, 'weighted_clusters')?.clusters).map((entry) => ({ name: str(entry.name) ?? '?', weight: num(wrapped(entry.weight)) }));
      head = `→ weighted: ${clusters.map((entry) => `${entry.name} ${entry.weight ?? '?'}`).join(', ')}`;
    } else if (str(action.cluster_header) !== undefined) {
      head = `→ cluster named by request header ${str(action.cluster_header)}`;
    } else if (obj(action.cluster_specifier_plugin) || obj(action.inline_cluster_specifier_plugin)) {
      head = '→ cluster chosen by a cluster specifier plugin';
    } else {
      head = '→ (no cluster)';
    }
    const prefixRewrite = str(action.prefix_rewrite);
    if (prefixRewrite !== undefined) extras.push(`rewrite prefix to ${prefixRewrite}`);
    const regexRewrite = str(objAt(action, 'regex_rewrite', 'pattern')?.regex);
    if (regexRewrite !== undefined) extras.push(`rewrite path /${regexRewrite}/ → ${str(objAt(action, 'regex_rewrite')?.substitution) ?? ''}`);
    const hostRewrite = str(action.host_rewrite_literal);
    if (hostRewrite) extras.push(`Host → ${hostRewrite}`);
    if (wrapped(action.auto_host_rewrite) === true) extras.push('Host → upstream host');
    const timeout = durationText(action.timeout);
    if (timeout) extras.push(`timeout ${timeout}`);
    const retry = retryPolicySummary(obj(action.retry_policy));
    if (retry) extras.push(`retry ${retry}`);
    const mirrors = objects(action.request_mirror_policies).map((mirror) => str(mirror.cluster) ?? '?');
    if (mirrors.length) extras.push(`mirror to ${mirrors.join(', ')}`);
    if (objects(action.upgrade_configs).length) extras.push(`upgrades ${objects(action.upgrade_configs).map((upgrade) => str(upgrade.upgrade_type)).join(', ')}`);
    return { clusters, text: [head, ...extras].join('; ') };
  }
  const redirect = obj(route.redirect);
  if (redirect) {
    const parts: string[] = [];
    if (redirect.https_redirect === true) parts.push('to https');
    const scheme = str(redirect.scheme_redirect);
    if (scheme) parts.push(`scheme ${scheme}`);
    const host = str(redirect.host_redirect);
    if (host) parts.push(`host ${host}`);
    const port = num(redirect.port_redirect);
    if (port) parts.push(`port ${port}`);
    const path = str(redirect.path_redirect) ?? str(redirect.prefix_rewrite);
    if (path) parts.push(`path ${path}`);
    const code = str(redirect.response_code) ?? 'MOVED_PERMANENTLY';
    return { clusters: [], text: `redirect ${parts.join(', ') || '(same URL)'} (${code})` };
  }
  const direct = obj(route.direct_response);
  if (direct) {
    const body = str(objAt(direct, 'body')?.inline_string);
    const shown = body === undefined ? '' : ` body "${body.length > 60 ? `${body.slice(0, 57)}...` : body}"`;
    return { clusters: [], text: `direct response ${num(direct.status) ?? '?'}${shown}` };
  }
  if (obj(route.filter_action)) return { clusters: [], text: 'filter action (handled by an HTTP filter)' };
  if (obj(route.non_forwarding_action)) return { clusters: [], text: 'non-forwarding action (handled by an HTTP filter)' };
  return { clusters: [], text: '(no action)' };
}
