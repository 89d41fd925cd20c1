import { Worker } from 'node:worker_threads';
import type { AnnualReport } from './report.ts';

/** A render that takes longer is abandoned: a stuck report must not hold a thread for ever. */
const TIMEOUT_MS = 120_000;

/**
 * Renders an annual report in a thread of its own, so the server keeps answering every other
 * request while the PDF is laid out (a second or more of CPU). Reports are rare: one thread per
 * render, ended when it is done.
 */
export function renderAnnualReportOffThread(report: AnnualReport): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./report-worker.mjs', import.meta.url), { workerData: report });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error('annual report rendering timed out'));
    }, TIMEOUT_MS);
    worker.once('message', (reply: { pdf?: Uint8Array; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (reply.pdf) resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else reject(new Error(reply.error ?? 'annual report rendering failed'));
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
