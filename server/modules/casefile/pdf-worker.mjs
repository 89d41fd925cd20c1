// Entry of a PDF-rendering worker thread (see pdf-workers.ts). Loader hooks are per thread, so
// the worker registers tsx itself before loading the TypeScript that renders.
import { register } from 'tsx/esm/api';

register();
await import('./pdf-worker-main.ts');
