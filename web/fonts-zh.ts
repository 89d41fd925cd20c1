/**
 * Chinese (Simplified) on bare devices: Noto Sans SC, split by @fontsource into about a hundred
 * files of a few thousand characters each. Each becomes a face of the family "Balcao Chinese"
 * limited to its characters (unicode-range), so a screen showing a Chinese word downloads only the
 * files holding its characters — typically a few hundred kilobytes, not the 10 MB of the whole font.
 *
 * This module is loaded only by the screens that show a client's language (kiosk, display board,
 * pre-sorting, counter), as its own chunk: other pages never fetch it.
 */
import regularCss from '@fontsource/noto-sans-sc/400.css?raw';
import boldCss from '@fontsource/noto-sans-sc/700.css?raw';

const files = import.meta.glob<string>('../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-*-{400,700}-normal.woff2', { query: '?url', import: 'default', eager: true });

/** The blocks of Chinese writing (CJK punctuation, ideographs, compatibility and full-width forms). */
const CJK_BLOCKS: [number, number][] = [
  [0x2e80, 0x2fdf],
  [0x3000, 0x303f],
  [0x3100, 0x312f],
  [0x31a0, 0x31ef],
  [0x3200, 0x32ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
  [0x20000, 0x2fa1f],
];

/**
 * A unicode-range clipped to the Chinese blocks, so the face never draws Latin punctuation, arrows
 * or emoji (which would otherwise download a Chinese file on every page). Empty when nothing is left.
 */
export function chineseRange(unicodeRange: string): string {
  const out: string[] = [];
  for (const part of unicodeRange.split(',')) {
    const m = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m) continue;
    const from = parseInt(m[1]!, 16);
    const to = m[2] ? parseInt(m[2], 16) : from;
    for (const [lo, hi] of CJK_BLOCKS) {
      const a = Math.max(from, lo);
      const b = Math.min(to, hi);
      if (a <= b) out.push(a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`);
    }
  }
  return out.join(',');
}

/** The numbered subsets of a @fontsource stylesheet: file name and unicode-range (Latin, Cyrillic… subsets left out). */
export function subsetsOf(css: string): { file: string; unicodeRange: string }[] {
  const faces: { file: string; unicodeRange: string }[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/(noto-sans-sc-\d+-\d+-normal\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (file && range) faces.push({ file, unicodeRange: range });
  }
  return faces;
}

if (typeof FontFace !== 'undefined' && typeof document !== 'undefined') {
  const urls = new Map(Object.entries(files).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));
  for (const [css, weight] of [
    [regularCss, '400'],
    [boldCss, '700'],
  ] as const) {
    for (const { file, unicodeRange } of subsetsOf(css)) {
      const url = urls.get(file);
      const range = chineseRange(unicodeRange);
      // A face added to document.fonts loads only when text in its range is drawn.
      if (url && range) document.fonts.add(new FontFace('Balcao Chinese', `url(${url}) format('woff2')`, { unicodeRange: range, weight, display: 'swap' }));
    }
  }
}
