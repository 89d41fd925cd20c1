import { useState, type FormEvent } from 'react';
import { ApiError, post, type Session } from '../api.ts';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { landingPath } from './surfaces.ts';

/**
 * A one-time code sent to `path` (the second factor at sign-in, or confirming a new authenticator):
 * the answer is the signed-in session, and the person goes on to their landing page.
 */
export function useCodeSubmit(path: string) {
  const { setSession } = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await post<Session>(path, { code });
      setSession(session);
      navigate(landingPath(session.user.roles));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  const codeError = error instanceof ApiError ? error.fields.code : undefined;
  return { code, setCode, error, setError, busy, submit, codeError };
}
