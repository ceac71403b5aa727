// npm run conformance -- DIR : runs the validator over a corpus described by DIR/SOURCES.tsv.
import { runTool } from './lib/runTs.mjs';

process.exit(await runTool('scripts/tools/conformance.ts', process.argv.slice(2)));
