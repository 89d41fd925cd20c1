import { useCallback, useEffect, useRef } from 'react';

const MIN_INTERVAL_MS = 500;

/**
 * Coalesces calls to `run`: many events in a burst give one call, and calls are at most twice a
 * second. Returns the function to call on each event.
 */
export function useCoalesced(run: () => Promise<void> | void): () => void {
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
    },
    [],
  );
  return useCallback(() => {
    if (pending.current) return;
    const wait = Math.max(0, last.current + MIN_INTERVAL_MS - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      last.current = Date.now();
      void runRef.current();
    }, wait);
  }, []);
}
