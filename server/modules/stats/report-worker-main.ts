import { parentPort, workerData } from 'node:worker_threads';
import { renderAnnualReport } from './report-pdf.tsx';
import type { AnnualReport } from './report.ts';

/** Renders the report handed over as plain data and sends its bytes back, moved rather than copied. */
renderAnnualReport(workerData as AnnualReport).then(
  (pdf) => {
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
    parentPort!.postMessage({ pdf: bytes }, [bytes.buffer]);
  },
  (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }),
);
