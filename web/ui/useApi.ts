import { useCallback, useEffect, useState } from 'react';
import { get } from '../api.ts';

/** GET a path now and on reload(); returns data, error and reload. Keeps the last good data while a reload fails; a null path loads nothing. */
export function useGet<T>(path: string | null): { data: T | undefined; error: Error | null; reload: () => Promise<void> } {
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
