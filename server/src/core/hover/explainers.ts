import { getField, getProperty, stringValue, type ObjectNode, type ValueNode } from '../document/nodes';
import type { LanguageModels } from '../docs/models';
import { extensionLine, typeNameOfUrl } from './extensionHover';
import { messageSummary } from './fieldHover';

/**
 * Explanations of what the values in the document mean, for fields whose docs alone leave an SRE guessing:
 * which extension a `typed_config` is, which endpoints get which transport socket, when a route retries.
 */

function scalarText(node: ValueNode | undefined): string | undefined {
  return node && node.type !== 'object' && node.type !== 'array' ? String(node.value) : undefined;
}

function items(node: ValueNode | undefined): ValueNode[] {
  return node?.type === 'array' ? node.items : [];
}

export function explainTypedConfig(value: ValueNode | undefined, holder: ObjectNode | undefined, models: LanguageModels): string[] {
  const url = stringValue(getProperty(value, '@type')?.value);
  if (!url) return ['**Here:** no `@type` yet. Envoy needs it to know which extension this configures.'];
  const typeName = typeNameOfUrl(url);
  const lines = [`**Here:** \`@type\` is \`${typeName}\`, ${extensionLine(typeName, models)}.`];
  const innerUrl = stringValue(getField(value, 'type_url'));
  if (innerUrl) lines.push(`It wraps \`${typeNameOfUrl(innerUrl)}\` as plain JSON (${extensionLine(typeNameOfUrl(innerUrl), models)}).`);
  const summary = messageSummary(innerUrl ? typeNameOfUrl(innerUrl) : typeName, models);
  if (summary) lines.push(`What it does: ${summary}`);
  const name = stringValue(getField(holder, 'name'));
  const names = models.envoy.message(typeName)?.extensions ?? [];
  if (name && names.length && !names.includes(name)) {
    lines.push(`The filter is named \`${name}\`: Envoy picks the implementation by \`@type\`, and the name labels it (stats, logs, \`typed_per_filter_config\` keys).`);
  }
  return lines;
}

function describeMatch(match: ValueNode | undefined): string {
  if (match?.type !== 'object' || match.properties.length === 0) return 'any endpoint (empty `match`: the catch-all)';
  const pairs = match.properties.map((p) => `\`${p.key}: ${scalarText(p.value) ?? '{…}'}\``);
  const tlsMode = stringValue(getProperty(match, 'tlsMode')?.value);
  const tunnel = stringValue(getProperty(match, 'tunnel')?.value);
  let meaning = '';
  if (tlsMode === 'istio') meaning = ' — Istio marks endpoints this way when their workload runs a sidecar (label `security.istio.io/tlsMode: istio`), so they can take Istio mutual TLS';
  else if (tlsMode === 'disabled') meaning = ' — Istio marks endpoints without a sidecar this way: plaintext';
  if (tunnel === 'http') meaning = ' — Istio ambient marks endpoints reachable through an HBONE tunnel this way (the workload is captured by ztunnel)';
  return `endpoints whose \`envoy.transport_socket_match\` metadata has ${pairs.join(' and ')}${meaning}`;
}

function describeSocket(socket: ValueNode | undefined, models: LanguageModels): string {
  const config = getField(socket, 'typed_config');
  const url = stringValue(getProperty(config, '@type')?.value);
  const typeName = url ? typeNameOfUrl(url) : stringValue(getField(socket, 'name')) ?? 'no transport socket';
  if (/UpstreamTlsContext$/.test(typeName) || typeName === 'envoy.transport_sockets.tls') {
    const common = getField(config, 'common_tls_context');
    const details: string[] = [];
    const sni = stringValue(getField(config, 'sni'));
    if (sni) details.push(`SNI \`${sni}\``);
    const alpn = items(getField(common, 'alpn_protocols')).map(scalarText).filter(Boolean);
    if (alpn.length) details.push(`ALPN ${alpn.map((a) => `\`${a}\``).join(', ')}`);
    const certs = items(getField(common, 'tls_certificate_sds_secret_configs')).map((c) => stringValue(getField(c, 'name'))).filter(Boolean);
    if (certs.length) details.push(`client certificate from SDS ${certs.map((c) => `\`${c}\``).join(', ')}`);
    const sans = items(getField(getField(getField(common, 'combined_validation_context'), 'default_validation_context'), 'match_subject_alt_names'))
      .concat(items(getField(getField(common, 'validation_context'), 'match_subject_alt_names')))
      .map((m) => scalarText(getField(m, 'exact')) ?? scalarText(getField(m, 'prefix')))
      .filter(Boolean);
    if (sans.length) details.push(`peer must be ${sans.map((s) => `\`${s}\``).join(' or ')}`);
    const istio = alpn.includes('istio') || certs.includes('default');
    return `${istio ? 'Istio mutual TLS' : 'TLS'}${details.length ? ` (${details.join('; ')})` : ''}`;
  }
  if (/RawBuffer$/.test(typeName) || typeName === 'envoy.transport_sockets.raw_buffer') return 'plaintext (`raw_buffer`)';
  if (/InternalUpstreamTransport$/.test(typeName) || typeName === 'envoy.transport_sockets.internal_upstream') {
    const inner = describeSocket(getField(config, 'transport_socket'), models);
    return `\`internal_upstream\`: the connection goes to an Envoy internal listener (in Istio ambient, \`connect_originate\`, which opens the HBONE tunnel: mTLS + HTTP/2 CONNECT to port 15008), passing the endpoint metadata along; inside it: ${inner}`;
  }
  return url ? extensionLine(typeName, models) : `\`${typeName}\``;
}

export function explainTransportSocketMatches(value: ValueNode | undefined, cluster: ObjectNode | undefined, models: LanguageModels): string[] {
  const entries = items(value).filter((entry): entry is ObjectNode => entry.type === 'object');
  if (entries.length === 0) return [];
  const lines = [
    '**Here:** for each endpoint Envoy takes the first entry below whose `match` keys all appear, with the same values, in the endpoint\'s `envoy.transport_socket_match` metadata (then its locality\'s):',
    entries
      .map((entry, i) => {
        const name = stringValue(getField(entry, 'name'));
        return `${i + 1}. ${name ? `\`${name}\`: ` : ''}${describeMatch(getField(entry, 'match'))} → ${describeSocket(getField(entry, 'transport_socket'), models)}`;
      })
      .join('\n'),
  ];
  const hasCatchAll = entries.some((entry) => {
    const match = getField(entry, 'match');
    return !match || (match.type === 'object' && match.properties.length === 0);
  });
  if (!hasCatchAll) {
    const fallback = getField(cluster, 'transport_socket');
    lines.push(`Endpoints no entry matches use the cluster's \`transport_socket\`: ${fallback ? describeSocket(fallback, models) : 'none set, so plaintext'}.`);
  }
  return lines;
}

const RETRY_CONDITIONS: Record<string, string> = {
  '5xx': 'the upstream answers 5xx, or never answers (reset, disconnect, connect failure, per-try timeout)',
  'gateway-error': 'the upstream answers 502, 503 or 504',
  reset: 'the upstream does not answer at all (reset, disconnect, read timeout)',
  'reset-before-request': 'the stream is reset before the request was sent upstream (safe even for non-idempotent requests)',
  'connect-failure': 'the connection to the upstream host fails (including a connect timeout)',
  'envoy-ratelimited': 'the answer carries `x-envoy-ratelimited`',
  'retriable-4xx': 'the upstream answers 409',
  'refused-stream': 'the upstream refuses the stream (HTTP/2 REFUSED_STREAM)',
  'retriable-status-codes': 'the status is listed in `retriable_status_codes` (or the request\'s `x-envoy-retriable-status-codes`)',
  'retriable-headers': 'the response matches `retriable_headers`',
  'http3-post-connect-failure': 'an HTTP/3 request fails after the connection was established',
  cancelled: 'the gRPC status is CANCELLED',
  'deadline-exceeded': 'the gRPC status is DEADLINE_EXCEEDED',
  internal: 'the gRPC status is INTERNAL',
  'resource-exhausted': 'the gRPC status is RESOURCE_EXHAUSTED',
  unavailable: 'the gRPC status is UNAVAILABLE',
};

function durationOf(node: ObjectNode | undefined, field: string): string | undefined {
  return scalarText(getField(node, field));
}

export function explainRetryPolicy(value: ValueNode | undefined, routeAction?: ObjectNode): string[] {
  if (value?.type !== 'object') return [];
  const retryOn = (stringValue(getField(value, 'retry_on')) ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const numRetries = scalarText(getField(value, 'num_retries'));
  const lines = [`**Here:** up to ${numRetries ?? '1 (the default)'} retr${numRetries === '1' ? 'y' : 'ies'} per request, when:`];
  lines.push(
    retryOn.length
      ? retryOn.map((condition) => `- \`${condition}\`: ${RETRY_CONDITIONS[condition] ?? 'a condition this version of Envoy Lens does not know'}`).join('\n')
      : '- nothing: `retry_on` is empty, so Envoy does not retry unless the request asks with `x-envoy-retry-on`',
  );
  const facts: string[] = [];
  const codes = items(getField(value, 'retriable_status_codes')).map(scalarText).filter(Boolean);
  if (codes.length) facts.push(`retriable status codes: ${codes.join(', ')}${retryOn.includes('retriable-status-codes') ? '' : ' (only used with `retriable-status-codes` in `retry_on`)'}`);
  const perTry = durationOf(value, 'per_try_timeout');
  const routeTimeout = scalarText(getField(routeAction, 'timeout'));
  const disabled = routeTimeout !== undefined && /^0+(\.0+)?s?$/.test(routeTimeout);
  const overall =
    routeTimeout === undefined
      ? 'the route\'s `timeout` (15s unless set)'
      : disabled
        ? 'no limit (the route sets `timeout: 0s`)'
        : `the route's \`timeout\` of ${routeTimeout}`;
  facts.push(`${perTry ? `each attempt times out after ${perTry}` : 'no per-try timeout'}; all attempts together: ${overall}`);
  const idle = durationOf(value, 'per_try_idle_timeout');
  if (idle) facts.push(`an attempt idle for ${idle} is abandoned`);
  const backOff = getField(value, 'retry_back_off');
  const base = backOff?.type === 'object' ? durationOf(backOff, 'base_interval') : undefined;
  const max = backOff?.type === 'object' ? durationOf(backOff, 'max_interval') : undefined;
  facts.push(`back-off between attempts: jittered exponential from ${base ?? '25ms'} up to ${max ?? (base ? `10 × ${base}` : '250ms')}${backOff ? '' : ' (the defaults)'}`);
  const predicates = items(getField(value, 'retry_host_predicate')).map((p) => stringValue(getField(p, 'name'))).filter(Boolean);
  if (predicates.some((p) => /previous_hosts/.test(p!))) facts.push('a retry avoids hosts already tried (`previous_hosts`)');
  else if (predicates.length) facts.push(`host predicates: ${predicates.map((p) => `\`${p}\``).join(', ')}`);
  const attempts = scalarText(getField(value, 'host_selection_retry_max_attempts'));
  if (attempts) facts.push(`up to ${attempts} tries to pick a host the predicates accept`);
  lines.push(facts.map((fact) => `- ${fact}`).join('\n'));
  return lines;
}
