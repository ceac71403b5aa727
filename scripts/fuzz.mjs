// npm run fuzz [-- --count N] [--seed S] [--only I] [--no-heavy] [--build] : the language server under hostile input.
import { runTool } from './lib/runTs.mjs';

process.exit(await runTool('scripts/tools/fuzz/fuzz.ts', process.argv.slice(2)));
