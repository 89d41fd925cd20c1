import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from '../api.ts';

const MIN_INTERVAL_MS = 500;

/** GET a path now and on reload(); keeps the last good data while a reload fails. */
export function useLoad<T>(path: string | null): { data: T | undefined; error: Error | null; reload: () => Promise<void> } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const reload = useCallback(async () => {
    if (!path) return;
    try {
      setData(await get<T>(path));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload };
}

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
