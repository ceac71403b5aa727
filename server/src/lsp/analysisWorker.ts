import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerJob } from '../worker/messages';

/** A worker with nothing to do for this long is stopped, giving back the memory of its models. */
const IDLE_STOP_MS = 60_000;

type ConfigureJob = Extract<WorkerJob, { kind: 'configure' }>;

/**
 * The analysis worker's lifecycle and calls: started on first use, started again after it dies (say, out of
 * memory on a hostile file: the server thread lives on), and stopped when idle with no large document open.
 */
export class AnalysisWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private configuration: ConfigureJob | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** counts workers started: analyses sent to an earlier one are gone with it */
  generation = 0;

  constructor(
    private readonly scriptPath: string,
    private readonly log: (level: 'error' | 'info', message: string) => void,
    /** true while some large document is open, so the worker keeps its analyses */
    private readonly holdsDocuments: () => boolean,
  ) {}

  configure(job: ConfigureJob): void {
    this.configuration = job;
    this.worker?.postMessage({ id: 0, job } satisfies ToWorker);
  }

  call<T>(job: WorkerJob): Promise<T> {
    const worker = this.started();
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, job } satisfies ToWorker);
    });
  }

  /** A job with no answer (forget a document); a stopped worker holds nothing to forget. */
  tell(job: WorkerJob): void {
    this.worker?.postMessage({ id: 0, job } satisfies ToWorker);
    this.settle();
  }

  stop(): Promise<number> | undefined {
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.idleTimer);
    return worker?.terminate();
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath);
    this.worker = worker;
    this.generation++;
    if (this.configuration) worker.postMessage({ id: 0, job: this.configuration } satisfies ToWorker);
    worker.on('message', (message: FromWorker) => {
      if ('log' in message) return this.log(message.log.level, message.log.message);
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiting?.resolve(message.value);
      else waiting?.reject(new Error(message.message));
      this.settle();
    });
    worker.on('error', (error) => this.stopped(worker, `the analysis worker failed: ${error.message}`));
    worker.on('exit', (code) => this.stopped(worker, `the analysis worker exited (code ${code})`));
    return worker;
  }

  private stopped(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.pending.size > 0) this.log('error', `Envoy Lens: ${reason}; ${this.pending.size} job(s) lost, it starts again on the next one`);
    for (const waiting of this.pending.values()) waiting.reject(new Error(reason));
    this.pending.clear();
  }

  private settle(): void {
    clearTimeout(this.idleTimer);
    if (this.pending.size > 0 || !this.worker) return;
    // An idle worker must not keep the process alive (the server exits on `exit` without stopping it).
    this.worker.unref();
    if (this.holdsDocuments()) return;
    this.idleTimer = setTimeout(() => void this.stop(), IDLE_STOP_MS);
    this.idleTimer.unref();
  }
}
