import { isMainThread } from 'node:worker_threads';
import { runAnalysisWorker } from '../worker/analysisWorker';
import { startServer } from './server';

// One bundle, two roles: the language server, and (started by it in a worker thread) its analysis worker.
if (isMainThread) startServer(__filename);
else runAnalysisWorker();
