import { useEffect, useRef, useState } from 'react';

/**
 * Idle detection for a public kiosk: after `idleMs` without a touch, key or pointer, a warning
 * counts `warnSeconds` down; then `onTimeout` runs. Any touch (or `stay()`) cancels the warning.
 */
export function useIdle({ active, idleMs, warnSeconds, onTimeout }: { active: boolean; idleMs: number; warnSeconds: number; onTimeout: () => void }) {
  const last = useRef(Date.now());
  const [remaining, setRemaining] = useState<number | null>(null);
  const timeout = useRef(onTimeout);
  useEffect(() => {
    timeout.current = onTimeout;
  });

  useEffect(() => {
    const touch = () => {
      last.current = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
    events.forEach((e) => document.addEventListener(e, touch, { passive: true, capture: true }));
    return () => events.forEach((e) => document.removeEventListener(e, touch, { capture: true }));
  }, []);

  useEffect(() => {
    last.current = Date.now();
    if (!active) {
      setRemaining(null);
      return;
    }
    const timer = setInterval(() => {
      const idle = Date.now() - last.current;
      if (idle < idleMs) {
        setRemaining(null);
        return;
      }
      const left = Math.ceil((idleMs + warnSeconds * 1000 - idle) / 1000);
      if (left <= 0) {
        setRemaining(null);
        last.current = Date.now();
        timeout.current();
      } else setRemaining(left);
    }, 250);
    return () => clearInterval(timer);
  }, [active, idleMs, warnSeconds]);

  const stay = () => {
    last.current = Date.now();
    setRemaining(null);
  };
  return { remaining, stay };
}
