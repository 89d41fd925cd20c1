import { useEffect, useRef, useState } from 'react';
import { onVoicesChanged, speak, stopSpeaking, voiceFor } from './speech.ts';

/** A piece of what a screen shows, with the language it is really in. */
export interface Spoken {
  text: string;
  lang: string;
}

let reading = false;
/** Whether a screen is reading aloud now (the kiosk does not count that time as idle). */
export const isReadingAloud = () => reading;

/**
 * "Read aloud": speaks what the screen shows, each piece in its own language, skipping pieces for
 * which the browser has no voice. Offered only when at least one piece can be spoken; a second
 * touch stops. Leaving the screen stops too.
 */
export function ReadAloud({ segments, label, stopLabel, lang, dir }: { segments: Spoken[]; label: string; stopLabel: string; lang: string; dir: 'ltr' | 'rtl' }) {
  const [, setVoicesVersion] = useState(0);
  const [active, setActive] = useState(false);
  const run = useRef(0);
  useEffect(() => onVoicesChanged(() => setVoicesVersion((v) => v + 1)), []);
  useEffect(
    () => () => {
      run.current++;
      reading = false;
      stopSpeaking();
    },
    [],
  );
  const speakable = segments.filter((s) => s.text.trim() && voiceFor(s.lang));
  if (speakable.length === 0) return null;

  const stop = () => {
    run.current++;
    reading = false;
    stopSpeaking();
    setActive(false);
  };
  const start = async () => {
    stopSpeaking();
    const mine = ++run.current;
    reading = true;
    setActive(true);
    for (const s of speakable) {
      if (run.current !== mine) return;
      await speak(s.text, s.lang);
    }
    if (run.current === mine) {
      reading = false;
      setActive(false);
    }
  };
  return (
    <button type="button" className="button secondary kiosk-read" lang={lang} dir={dir} onClick={() => (active ? stop() : void start())}>
      {active ? stopLabel : label}
    </button>
  );
}
