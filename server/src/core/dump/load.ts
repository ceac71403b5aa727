import { parse as parseYaml, YAMLParseError } from 'yaml';
import { visit } from 'jsonc-parser';
import type { ConfigDump, DumpSourceFormat, JsonObject, LoadResult } from './types';
import { emptyDump } from './types';
import { isObject, obj } from './json';
import { normalizeProtoJson } from './normalize';
import {
  addInlineEndpoints,
  adminSectionKind,
  collectAdminSection,
  collectBootstrapFile,
  collectResources,
  isBootstrapShape,
  isResourceList,
  nameUnnamedListeners,
} from './collect';

/**
 * Loads an Envoy admin `/config_dump`, `istioctl proxy-config all -o json|yaml`, egctl output (one or several
 * proxies), an Envoy bootstrap, or a list of xDS resources, into one ConfigDump model.
 */
export function loadConfigDump(text: string, options: { fileName?: string } = {}): LoadResult {
  const parsed = parseText(text, options.fileName);
  if ('error' in parsed) return { ok: false, error: parsed.error };
  return fromParsed(parsed.value, options.fileName);
}

/** Builds the model from a value that is already parsed (JSON or YAML), e.g. from a worker. */
export function fromParsed(value: unknown, fileName?: string): LoadResult {
  const normalized = normalizeProtoJson(value);
  if (isObject(normalized)) {
    const wrapped = obj(normalized.xds);
    if (wrapped) return fromWrapped(wrapped, fileName);
    if ('configs' in normalized) return fromAdmin(normalized, 'admin-config-dump', fileName);
    if (isBootstrapShape(normalized)) {
      const dump = emptyDump('bootstrap', fileName);
      collectBootstrapFile(dump, normalized);
      return finish(dump);
    }
  }
  const resources = isResourceList(normalized);
  if (resources) {
    const dump = emptyDump('xds-resources', fileName);
    const unplaced = collectResources(dump, resources);
    if (dump.sections.length === 0) {
      return { ok: false, error: 'not a config dump: the list holds no Listener, RouteConfiguration, Cluster, ClusterLoadAssignment or Secret resources' };
    }
    if (unplaced > 0) dump.warnings.push(`${unplaced} resource(s) of unknown type were skipped`);
    return finish(dump);
  }
  if (isObject(normalized) && (normalized.kind !== undefined || normalized.apiVersion !== undefined)) {
    return { ok: false, error: `not a config dump: this is a Kubernetes resource (kind ${String(normalized.kind)}), not Envoy configuration` };
  }
  return {
    ok: false,
    error: 'not a config dump: expected "configs" (admin /config_dump or istioctl), "xds" (egctl), "static_resources" (bootstrap) or a list of xDS resources',
  };
}

function fromAdmin(root: JsonObject, format: DumpSourceFormat, fileName?: string): LoadResult {
  const dump = emptyDump(format, fileName);
  const configs = root.configs;
  const entries: [JsonObject, string | undefined][] = [];
  if (Array.isArray(configs)) {
    for (const entry of configs) if (isObject(entry)) entries.push([entry, undefined]);
  } else if (isObject(configs)) {
    for (const [key, entry] of Object.entries(configs)) if (isObject(entry)) entries.push([entry, key]);
  } else {
    return { ok: false, error: 'not a config dump: "configs" is neither a list nor an object' };
  }
  for (const [entry, key] of entries) {
    const kind = adminSectionKind(entry, key);
    if (kind) collectAdminSection(dump, entry, kind);
    else dump.warnings.push(`skipped a configs entry without a recognised @type${key ? ` (key "${key}")` : ''}`);
  }
  if (dump.sections.length === 0 && entries.length > 0) {
    return { ok: false, error: 'not a config dump: no entry of "configs" is a known *ConfigDump type' };
  }
  return finish(dump);
}

function fromWrapped(proxies: JsonObject, fileName?: string): LoadResult {
  const loaded: { name: string; dump: ConfigDump }[] = [];
  for (const [name, value] of Object.entries(proxies)) {
    if (!isObject(value)) continue;
    const result = fromAdmin(value, 'wrapped-by-proxy', fileName);
    if (!result.ok) return { ok: false, error: `${result.error} (proxy "${name}")` };
    result.dump.proxyName = name;
    loaded.push({ name, dump: result.dump });
  }
  if (loaded.length === 0) return { ok: false, error: 'not a config dump: "xds" holds no proxies' };
  const first = loaded[0].dump;
  first.proxies = loaded;
  if (loaded.length > 1) first.warnings.push(`the file holds ${loaded.length} proxies; this view shows "${loaded[0].name}"`);
  return { ok: true, dump: first };
}

function finish(dump: ConfigDump): LoadResult {
  addInlineEndpoints(dump);
  nameUnnamedListeners(dump);
  return { ok: true, dump };
}

type Parsed = { value: unknown } | { error: string };

function parseText(text: string, fileName?: string): Parsed {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trimStart();
  if (trimmed === '') return { error: 'not a config dump: the file is empty' };
  const looksJson = trimmed[0] === '{' || trimmed[0] === '[' || /\.json$/i.test(fileName ?? '');
  if (looksJson) return parseJson(body);
  return parseYamlText(body);
}

function parseJson(text: string): Parsed {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: describeJsonError(text, error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * V8 gives "at position N" for most errors, nothing for "Unexpected token" or input that simply stops. Without a
 * position we find it with a scanning pass, which only runs when the file is already known to be broken.
 */
function describeJsonError(text: string, message: string): string {
  const contentEnd = text.trimEnd().length;
  const reported = /position (\d+)/.exec(message)?.[1];
  const position = reported !== undefined ? Number(reported) : /end of JSON input/i.test(message) ? contentEnd : firstSyntaxErrorOffset(text) ?? contentEnd;
  const truncated = /end of JSON input|Unterminated string/i.test(message) || position >= contentEnd;
  const reason = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
  const { line, column } = lineAndColumn(text, Math.min(position, contentEnd));
  return `${truncated ? 'truncated' : 'invalid'} JSON at line ${line} column ${column}: ${reason}`;
}

function firstSyntaxErrorOffset(text: string): number | undefined {
  let first: number | undefined;
  visit(text, {
    onError: (_error, offset) => {
      if (first === undefined) first = offset;
    },
  }, { disallowComments: true, allowTrailingComma: false });
  return first;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function parseYamlText(text: string): Parsed {
  try {
    return { value: parseYaml(text, { maxAliasCount: -1, uniqueKeys: false, intAsBigInt: false }) };
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      const where = at ? ` at line ${at.line} column ${at.col}` : '';
      return { error: `not a config dump: YAML error${where}: ${error.message.split('\n')[0]}` };
    }
    return { error: `not a config dump: ${error instanceof Error ? error.message : String(error)}` };
  }
}
