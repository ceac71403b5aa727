/** The documents mutations start from: every YAML/JSON fixture of the repository plus two generated shapes. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { generateDump } from '../bench/generateDump';
import { generateEnvoyFilters } from '../bench/generateEnvoyFilter';

export interface Seed {
  name: string;
  text: string;
  extension: 'yaml' | 'json';
}

function walk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...walk(path));
    else found.push(path);
  }
  return found;
}

export function loadSeeds(repoRoot: string): Seed[] {
  const fixtures = join(repoRoot, 'test', 'fixtures');
  const seeds: Seed[] = [];
  for (const path of walk(fixtures).sort()) {
    const ext = extname(path).toLowerCase();
    // Big files would dominate the run time without adding new shapes.
    if (!['.yaml', '.yml', '.json'].includes(ext) || statSync(path).size > 256 * 1024) continue;
    seeds.push({ name: relative(repoRoot, path), text: readFileSync(path, 'utf8'), extension: ext === '.json' ? 'json' : 'yaml' });
  }
  seeds.push({ name: 'generated:envoyfilters', text: generateEnvoyFilters(150), extension: 'yaml' });
  seeds.push({ name: 'generated:sidecar-dump', text: generateDump(4).text, extension: 'json' });
  return seeds;
}
