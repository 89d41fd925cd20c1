import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DsarLocale, ExportData } from './dsar-pdf.tsx';

/**
 * Rendering a data-subject PDF is seconds of CPU (layout, text shaping, font subsetting). On the
 * request thread it stalled every other request of the node — boards, counters, sign-ins — for
 * that long. So PDFs are rendered in worker threads: a small pool (one worker per spare core, at
 * most two), started on first use and kept (fonts are loaded once per worker), with jobs queued
 * when all are busy. A worker that fails or takes too long is replaced; its job fails alone.
 */

/** The PDF's lookups as plain tables: functions cannot cross to a worker. */
export interface PdfLookupTables {
  partnerNames: Record<string, string>;
  centreNames: Record<string, string>;
  timeZone: string;
}

export interface PdfJob {
  id: number;
  data: ExportData;
  choice: DsarLocale;
  lookups: PdfLookupTables;
}

export type PdfReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));
/** A render that takes longer is abandoned (its worker terminated): a stuck job must not hold a worker for ever. */
const RENDER_TIMEOUT_MS = 120_000;
const WORKER_URL = new URL('./pdf-worker.mjs', import.meta.url);

interface Task {
  job: PdfJob;
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
  timer?: NodeJS.Timeout;
}

class PdfWorkerPool {
  private readonly alive = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private nextId = 1;

  constructor(private readonly size: number) {}

  /** Jobs being rendered now (tests use it to know a render is under way). */
  get busy(): number {
    return this.running.size;
  }

  render(data: ExportData, choice: DsarLocale, lookups: PdfLookupTables): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, data, choice, lookups }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      const worker = this.idle.pop() ?? (this.alive.size < this.size ? this.spawn() : null);
      if (!worker) return;
      const task = this.queue.shift()!;
      this.running.set(worker, task);
      task.timer = setTimeout(() => void worker.terminate(), RENDER_TIMEOUT_MS);
      worker.postMessage(task.job);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_URL);
    this.alive.add(worker);
    // An idle pool must not keep a stopping process alive.
    worker.unref();
    worker.on('message', (reply: PdfReply) => {
      const task = this.running.get(worker);
      if (!task || task.job.id !== reply.id) return;
      clearTimeout(task.timer);
      this.running.delete(worker);
      this.idle.push(worker);
      if ('pdf' in reply) task.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else task.reject(new Error(`PDF rendering failed: ${reply.error}`));
      this.dispatch();
    });
    let failure = '';
    worker.on('error', (err) => (failure = err.message));
    // Every end of a worker (crash, timeout, close) comes here once: its job fails, a later job gets a new worker.
    worker.on('exit', (code) => {
      this.alive.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      const task = this.running.get(worker);
      if (task) {
        clearTimeout(task.timer);
        this.running.delete(worker);
        task.reject(new Error(`PDF worker stopped (exit code ${code})${failure ? `: ${failure}` : ''}`));
      }
      this.dispatch();
    });
    return worker;
  }

  /** Stops every worker (jobs under way fail); later renders start new ones. */
  async close(): Promise<void> {
    await Promise.all([...this.alive].map((w) => w.terminate()));
  }
}

/** This process's PDF workers. */
export const pdfWorkers = new PdfWorkerPool(POOL_SIZE);
