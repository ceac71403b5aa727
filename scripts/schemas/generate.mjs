// Regenerates the type models in schemas/: the Envoy model always, then the Istio model if its generator exists.
// Each generator runs as its own process so one can change its internals without touching the others.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const generators = [
  { name: 'envoy', script: join(here, 'envoy.mjs'), required: true },
  { name: 'envoy-deps', script: join(here, 'envoyDeps.mjs'), required: true },
  { name: 'istio', script: join(here, 'istio.mjs'), required: false },
];

for (const generator of generators) {
  if (!existsSync(generator.script)) {
    if (generator.required) {
      console.error(`schemas: ${generator.name} generator is missing`);
      process.exit(1);
    }
    console.log(`schemas: no ${generator.name} generator, skipped`);
    continue;
  }
  console.log(`schemas: ${generator.name}`);
  const result = spawnSync(process.execPath, [generator.script, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`schemas: ${generator.name} generator failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}
