/** The staff surfaces of the visit: pre-sorting and the counter workstation (with sorting). */
export { PreSorting } from './PreSorting.tsx';
export { CounterWorkstation } from './Counter.tsx';
export { canOpen } from './common.tsx';
