import { createRequire } from 'node:module';
import { Font } from '@react-pdf/renderer';

/**
 * Registers fonts shipped in npm packages (fontsource's per-script subsets, regular and bold) with
 * the PDF renderer, once per process or worker: nothing is fetched at run time.
 */
const registered = new Set<string>();

export function registerPdfFonts(files: readonly (readonly [family: string, base: string])[]): void {
  const require = createRequire(import.meta.url);
  for (const [family, base] of files) {
    if (registered.has(family)) continue;
    Font.register({
      family,
      fonts: [
        { src: require.resolve(`${base}-400-normal.woff`), fontWeight: 400 },
        { src: require.resolve(`${base}-700-normal.woff`), fontWeight: 700 },
      ],
    });
    registered.add(family);
  }
  // Names and notes are not hyphenated: a word is broken only where it must be.
  Font.registerHyphenationCallback((word) => [word]);
}
