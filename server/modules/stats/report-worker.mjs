// Entry of the thread that renders one annual report (see report-render.ts). Loader hooks are per
// thread, so it registers tsx itself before loading the TypeScript that renders.
import { register } from 'tsx/esm/api';

register();
await import('./report-worker-main.ts');
