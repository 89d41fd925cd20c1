/** The staff surfaces of the visit: pre-sorting and the counter workstation (with sorting). */
export { PreSorting } from './PreSorting.tsx';
export { CounterWorkstation } from './Counter.tsx';
export { canOpen } from './common.tsx';

// Clients' names and languages in Chinese on pre-sorting and the counter: the Chinese font faces, in a chunk of their own.
void import('../fonts-zh.ts');
