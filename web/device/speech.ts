/**
 * Sound for public screens: a short chime (Web Audio oscillator, no audio files) and spoken text
 * (the browser's speech synthesis). Browsers block both until a user gesture, so a screen calls
 * unlockAudio() from a click once; the choice is remembered for the browser session.
 */
const SOUND_KEY = 'balcao.sound';
let audio: AudioContext | null = null;

export function soundRemembered(): boolean {
  try {
    return sessionStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

function audioContext(): AudioContext | null {
  if (audio) return audio;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    audio = new Ctor();
  } catch {
    audio = null;
  }
  return audio;
}

/** Call from a click: resumes audio, primes speech, remembers the choice. */
export function unlockAudio(): void {
  const ctx = audioContext();
  void ctx?.resume().catch(() => undefined);
  try {
    if ('speechSynthesis' in window) {
      const u = new SpeechSynthesisUtterance(' ');
      u.volume = 0;
      window.speechSynthesis.speak(u);
    }
  } catch {
    // No speech here: the text is still shown.
  }
  try {
    sessionStorage.setItem(SOUND_KEY, 'on');
  } catch {
    // Private mode: the button shows again after a reload.
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Two soft rising tones, about 0.6 s. */
export async function chime(): Promise<void> {
  const ctx = audioContext();
  if (!ctx) return;
  try {
    if (ctx.state === 'suspended') await ctx.resume();
    const start = ctx.currentTime + 0.02;
    [659.25, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const t0 = start + i * 0.28;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.3, t0 + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.5);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.55);
    });
  } catch {
    return;
  }
  await sleep(650);
}

/** The voices the browser has now (they can arrive late: listen to voiceschanged). */
export function voices(): SpeechSynthesisVoice[] {
  try {
    return 'speechSynthesis' in window ? window.speechSynthesis.getVoices() : [];
  } catch {
    return [];
  }
}

/** A voice for a language: the exact tag first, then the same base language; undefined if none. */
export function voiceFor(lang: string): SpeechSynthesisVoice | undefined {
  const all = voices();
  const lower = lang.toLowerCase();
  const base = lower.split('-')[0];
  return (
    all.find((v) => v.lang.toLowerCase().replace('_', '-') === lower) ??
    all.find((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === base)
  );
}

/** Calls voiceschanged listeners; returns the unsubscribe function. */
export function onVoicesChanged(listener: () => void): () => void {
  if (!('speechSynthesis' in window)) return () => undefined;
  const synth = window.speechSynthesis;
  try {
    synth.addEventListener('voiceschanged', listener);
    return () => synth.removeEventListener('voiceschanged', listener);
  } catch {
    return () => undefined;
  }
}

/** Speaks one text and resolves when it ends (or fails, or after a safety timeout). Skips when no voice fits. */
export function speak(text: string, lang: string): Promise<boolean> {
  if (!('speechSynthesis' in window)) return Promise.resolve(false);
  const voice = voiceFor(lang);
  if (!voice) return Promise.resolve(false);
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(guard);
      resolve(ok);
    };
    const guard = setTimeout(() => finish(false), 4000 + text.length * 150);
    try {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = lang;
      u.voice = voice;
      u.rate = 0.9;
      u.onend = () => finish(true);
      u.onerror = () => finish(false);
      window.speechSynthesis.speak(u);
    } catch {
      finish(false);
    }
  });
}

/** Runs announcements one after another, so calls never overlap. */
export class AnnouncementQueue {
  private tail: Promise<void> = Promise.resolve();
  add(job: () => Promise<void>): Promise<void> {
    this.tail = this.tail.then(job).catch(() => undefined);
    return this.tail;
  }
}

/** Stops speaking (e.g. the kiosk resets). */
export function stopSpeaking(): void {
  try {
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
  } catch {
    // nothing to stop
  }
}
