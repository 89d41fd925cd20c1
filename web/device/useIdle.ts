import { useEffect, useRef, useState } from 'react';

/**
 * Idle detection for a public kiosk: after `idleMs` without a touch, key or pointer, a warning
 * counts `warnSeconds` down; then `onTimeout` runs. Any touch (or `stay()`) cancels the warning.
 * While `busy()` answers true (e.g. the screen is being read aloud) the kiosk is not idle.
 */
export function useIdle({ active, idleMs, warnSeconds, onTimeout, busy }: { active: boolean; idleMs: number; warnSeconds: number; onTimeout: () => void; busy?: () => boolean }) {
  const last = useRef(Date.now());
  const [remaining, setRemaining] = useState<number | null>(null);
  const timeout = useRef(onTimeout);
  const isBusy = useRef(busy);
  useEffect(() => {
    timeout.current = onTimeout;
    isBusy.current = busy;
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
      if (isBusy.current?.()) last.current = Date.now();
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
