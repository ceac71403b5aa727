// npm run bench [-- --quick] [--package] [--keep] : performance against peers and floors (scripts/tools/bench/).
import { runTool } from './lib/runTs.mjs';

process.exit(await runTool('scripts/tools/bench/bench.ts', process.argv.slice(2)));
