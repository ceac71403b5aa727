/**
 * Documents built to hurt: deep nesting, huge scalars, alias bombs, tens of thousands of documents, a 60 MB dump.
 * Each is wrapped in something we recognise where that matters, so the validator walks it instead of skipping it.
 */
import { generateDumpOfSize } from '../bench/generateDump';
import { generateEnvoyFilters } from '../bench/generateEnvoyFilter';

export interface HeavyDocument {
  name: string;
  text: string;
  extension: 'yaml' | 'json';
}

const bootstrapYaml = (clusterExtra: string) =>
  `static_resources:\n  clusters:\n  - name: deep\n    connect_timeout: 1s\n${clusterExtra}`;

type HeavyMaker = () => HeavyDocument;

export const HEAVY: Record<string, HeavyMaker> = {
  deepFlowSequence: () => ({ name: 'deepFlowSequence', extension: 'yaml', text: bootstrapYaml(`    metadata:\n      filter_metadata:\n        x: ${'['.repeat(10_000)}1${']'.repeat(10_000)}\n`) }),
  deepFlowMapping: () => ({ name: 'deepFlowMapping', extension: 'yaml', text: bootstrapYaml(`    typed_extension_protocol_options: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`) }),
  deepJson: () => ({
    name: 'deepJson',
    extension: 'json',
    text: `{"static_resources":{"clusters":[{"name":"deep","connect_timeout":"1s","metadata":{"filter_metadata":{"x":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}}]}}`,
  }),
  deepJsonArrays: () => ({ name: 'deepJsonArrays', extension: 'json', text: `{"static_resources":{"clusters":${'['.repeat(10_000)}${']'.repeat(10_000)}}}` }),
  deepBlockYaml: () => {
    const levels = 2_000;
    let body = '';
    for (let i = 0; i < levels; i++) body += `${' '.repeat(4 + 2 * i)}load_assignment:\n`;
    return { name: 'deepBlockYaml', extension: 'yaml', text: bootstrapYaml(body) };
  },
  deepUnclosed: () => ({ name: 'deepUnclosed', extension: 'json', text: `{"configs":${'[{"@type":"type.googleapis.com/envoy.admin.v3.ClustersConfigDump","x":'.repeat(10_000)}` }),
  hugeScalar: () => ({ name: 'hugeScalar', extension: 'yaml', text: bootstrapYaml(`    alt_stat_name: "${'x'.repeat(20 * 1024 * 1024)}"\n`) }),
  hugeLine: () => {
    const entries = Array.from({ length: 200_000 }, (_, i) => `k${i}: ${i}`).join(', ');
    return { name: 'hugeLine', extension: 'yaml', text: bootstrapYaml(`    metadata: { filter_metadata: { x: { ${entries} } } }\n`) };
  },
  manyKeys: () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `    field_${i % 50_000}: ${i}`).join('\n');
    return { name: 'manyKeys', extension: 'yaml', text: bootstrapYaml(`${keys}\n`) };
  },
  aliasBomb: () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const body = levels.map((l) => `        ${l}`).join('\n');
    return { name: 'aliasBomb', extension: 'yaml', text: bootstrapYaml(`    metadata:\n      filter_metadata:\n${body}\n    typed_extension_protocol_options: *j\n`) };
  },
  mergeKeyBomb: () => {
    const levels = ['base0: &m0 { connect_timeout: 1s, name: x }'];
    for (let i = 1; i < 40; i++) levels.push(`base${i}: &m${i} { <<: [*m${i - 1}, *m${i - 1}], k${i}: ${i} }`);
    return { name: 'mergeKeyBomb', extension: 'yaml', text: `${levels.join('\n')}\nstatic_resources:\n  clusters:\n  - <<: *m39\n    name: bomb\n` };
  },
  manyDocuments: () => ({
    name: 'manyDocuments',
    extension: 'yaml',
    text: Array.from({ length: 20_000 }, (_, i) => `name: c${i}\nconnect_timeout: ${i % 7}s\ntype: STATIC`).join('\n---\n'),
  }),
  manyEnvoyFilters: () => ({ name: 'manyEnvoyFilters', extension: 'yaml', text: generateEnvoyFilters(100_000) }),
  dump60MB: () => ({ name: 'dump60MB', extension: 'json', text: generateDumpOfSize(60 * 1024 * 1024).text }),
};

/** The slow ones appear only a couple of times per run; the rest cycle through the heavy slots. */
export const SLOW_HEAVY = new Set(['dump60MB']);
export const HEAVY_NAMES = Object.keys(HEAVY).filter((name) => !SLOW_HEAVY.has(name));
