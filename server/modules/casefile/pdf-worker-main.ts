import { parentPort } from 'node:worker_threads';
import { renderDsarPdf } from './dsar-pdf.tsx';
import type { PdfJob, PdfReply } from './pdf-workers.ts';

/**
 * Renders data-subject PDFs off the request thread. A job carries plain data only (the lookups
 * as tables, not functions), the reply the PDF's bytes, moved rather than copied.
 */
parentPort!.on('message', (job: PdfJob) => {
  const { partnerNames, centreNames, timeZone } = job.lookups;
  renderDsarPdf(job.data, job.choice, {
    partnerName: (id) => (id ? (partnerNames[id] ?? id) : '—'),
    centreName: (id) => centreNames[id] ?? id,
    timeZone,
  }).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
      parentPort!.postMessage({ id: job.id, pdf: bytes } satisfies PdfReply, [bytes.buffer]);
    },
    (err: unknown) => parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) } satisfies PdfReply),
  );
});
