/**
 * Cheap text mutations of a seed document: each is what a careless edit, a broken copy-paste or a wrong tool does to
 * a config file. A document gets one to three of them, named so a failure says what was done.
 */
import type { Rng } from './rng';

export type Mutation = (text: string, rng: Rng) => string;

const lines = (text: string) => text.split('\n');

/** Bounds of a random line: [start, end) offsets, end before the newline. */
function randomLine(text: string, rng: Rng): [number, number] {
  const all = lines(text);
  const index = rng.int(0, Math.max(0, all.length - 1));
  let start = 0;
  for (let i = 0; i < index; i++) start += all[i].length + 1;
  return [start, start + all[index].length];
}

const WRONG_VALUES = ['[]', '{}', '"text"', '-1', '4294967296', '1e309', 'true', 'null', '~', '""', '0x1F', '"5"', '[1, [2, {}]]', '{ a: b }', '!!binary AAAA', '.inf', '-.nan', '2001-12-14t21:59:43.10-05:00', '"\\u0000"', "'unterminated", '"unterminated', '*missing_alias', '&anchor', '? complex', '|', '>-'];

const TYPE_URLS = [
  'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  'type.googleapis.com/envoy.config.listener.v3.Listener',
  'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
  'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua',
  'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
  'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
  'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
  'type.googleapis.com/envoy.config.bootstrap.v3.Bootstrap',
  'type.googleapis.com/google.protobuf.Struct',
  'type.googleapis.com/google.protobuf.Any',
  'type.googleapis.com/google.protobuf.Duration',
  'type.googleapis.com/udpa.type.v1.TypedStruct',
  'type.googleapis.com/xds.type.v3.TypedStruct',
  'type.googleapis.com/envoy.config.filter.http.router.v2.Router',
  'type.googleapis.com/',
  'type.googleapis.com',
  'envoy.config.cluster.v3.Cluster',
  '',
  'type.googleapis.com/does.not.Exist',
  'type.googleapis.com/envoy.config.cluster.v3.Cluster.CommonLbConfig',
  'type.googleapis.com/envoy.config.cluster.v3.Cluster.LbPolicy',
  'https://example.com/type',
  '@type',
];

export const MUTATIONS: Record<string, Mutation> = {
  deleteLines(text, rng) {
    const all = lines(text);
    const at = rng.int(0, all.length - 1);
    all.splice(at, rng.int(1, Math.min(8, all.length - at)));
    return all.join('\n');
  },
  duplicateLines(text, rng) {
    const all = lines(text);
    const at = rng.int(0, all.length - 1);
    const block = all.slice(at, at + rng.int(1, 6));
    all.splice(rng.int(0, all.length), 0, ...block);
    return all.join('\n');
  },
  swapIndentation(text, rng) {
    const all = lines(text);
    const a = rng.int(0, all.length - 1);
    const b = rng.int(0, all.length - 1);
    const indentOf = (line: string) => line.match(/^[ \t]*/)![0];
    const ia = indentOf(all[a]);
    const ib = indentOf(all[b]);
    all[a] = ib + all[a].slice(ia.length);
    all[b] = ia + all[b].slice(ib.length);
    return all.join('\n');
  },
  shiftIndentation(text, rng) {
    const all = lines(text);
    const at = rng.int(0, all.length - 1);
    const count = rng.int(1, 10);
    for (let i = at; i < Math.min(all.length, at + count); i++) {
      all[i] = rng.chance(0.5) ? ' '.repeat(rng.int(1, 3)) + all[i] : all[i].replace(/^ {1,3}/, '');
    }
    return all.join('\n');
  },
  wrongType(text, rng) {
    const candidates = [...text.matchAll(/(:[ \t]*)([^\n{}[\],]+)/g)];
    if (candidates.length === 0) return text;
    const match = rng.pick(candidates);
    const start = match.index! + match[1].length;
    return text.slice(0, start) + rng.pick(WRONG_VALUES) + text.slice(start + match[2].length);
  },
  randomType(text, rng) {
    const candidates = [...text.matchAll(/("?@type"?\s*:\s*)("[^"\n]*"|[^\s,}\n]+)/g)];
    const url = rng.pick(TYPE_URLS);
    if (candidates.length === 0 || rng.chance(0.2)) {
      const [start] = randomLine(text, rng);
      const json = text.trimStart().startsWith('{') || text.trimStart().startsWith('[');
      return text.slice(0, start) + (json ? `"@type": "${url}", ` : `"@type": ${url}\n`) + text.slice(start);
    }
    const match = rng.pick(candidates);
    const start = match.index! + match[1].length;
    return text.slice(0, start) + JSON.stringify(url) + text.slice(start + match[2].length);
  },
  truncate(text, rng) {
    return text.slice(0, rng.int(0, text.length));
  },
  binaryBytes(text, rng) {
    const noise = ['\u0000', '\u0001', '\u001b[31m', '\u007f', '\ufffd', '\ud800', '\udfff', '\ufeff', '\u2028', '\u2029', '\u0085', '\u00a0', '💥', '\u202e'];
    let out = text;
    for (let i = rng.int(1, 5); i > 0; i--) {
      const at = rng.int(0, out.length);
      let chunk = '';
      for (let j = rng.int(1, 16); j > 0; j--) chunk += rng.chance(0.5) ? rng.pick(noise) : String.fromCharCode(rng.int(0, 0xffff));
      out = out.slice(0, at) + chunk + out.slice(at);
    }
    return out;
  },
  crlf(text, rng) {
    return rng.chance(0.7) ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, () => (rng.chance(0.5) ? '\r\n' : rng.chance(0.5) ? '\r' : '\n'));
  },
  bom(text) {
    return '\ufeff' + text;
  },
  tabs(text, rng) {
    return rng.chance(0.5) ? text.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2)) : text.replace(/ /g, () => (rng.chance(0.05) ? '\t' : ' '));
  },
  anchorsAndAliases(text, rng) {
    const all = lines(text);
    for (let i = rng.int(1, 4); i > 0; i--) {
      const at = rng.int(0, all.length - 1);
      all[at] = all[at].replace(/:\s*$/, rng.chance(0.5) ? ': &a' : ': *a').replace(/: (\S)/, (m, c: string) => `: ${rng.chance(0.5) ? '&a ' : '*a #'}${c}`);
    }
    return all.join('\n');
  },
  documentMarkers(text, rng) {
    const all = lines(text);
    for (let i = rng.int(1, 3); i > 0; i--) all.splice(rng.int(0, all.length), 0, rng.pick(['---', '...', '--- !tag', '%YAML 1.2', '---\n---', '--- |']));
    return all.join('\n');
  },
  swapLines(text, rng) {
    const all = lines(text);
    const a = rng.int(0, all.length - 1);
    const b = rng.int(0, all.length - 1);
    [all[a], all[b]] = [all[b], all[a]];
    return all.join('\n');
  },
  bracketNoise(text, rng) {
    const at = rng.int(0, text.length);
    return text.slice(0, at) + rng.pick(['{', '}', '[', ']', '"', "'", ',', ':', '::', '- ', '#', '&', '*', '!', '|', '>', '%', '@', '`']) + text.slice(at);
  },
  renameKey(text, rng) {
    const keys = [...text.matchAll(/^(\s*-?\s*"?)([A-Za-z_@][\w.@-]*)("?\s*:)/gm)];
    if (keys.length === 0) return text;
    const match = rng.pick(keys);
    const start = match.index! + match[1].length;
    const replacement = rng.pick([match[2].toUpperCase(), match[2] + 's', match[2].replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'name', 'cluster', 'typed_config', '<<']);
    return text.slice(0, start) + replacement + text.slice(start + match[2].length);
  },
  hugeNumber(text, rng) {
    return text.replace(/\b\d+\b/, () => rng.pick(['99999999999999999999999', '-9223372036854775809', '1e400', '0.000000000000000000001', 'NaN', '-0', '0777', '1_000']));
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies one to three random mutations; returns the text and the names applied, in order. */
export function mutate(text: string, rng: Rng): { text: string; applied: string[] } {
  const applied: string[] = [];
  let out = text;
  for (let i = rng.int(1, 3); i > 0; i--) {
    const name = rng.pick(MUTATION_NAMES);
    out = MUTATIONS[name](out, rng);
    applied.push(name);
  }
  return { text: out, applied };
}
