/**
 * Kiosks, display boards and the computers that print receipts are often small Linux devices
 * without fonts for every script the clients read. These bundled fonts keep Hindi, Nepali, Bengali,
 * Gujarati, Punjabi and Arabic from turning into boxes.
 *
 * Each face covers only its script's letters (unicode-range), so a device downloads one only when a
 * page shows that script, and Latin, Cyrillic… text keeps the device's own font. They come first in
 * the font list (styles.css) because some browsers draw a missing glyph from `system-ui` as a box
 * instead of trying the next font.
 */
import devanagari400 from '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-400-normal.woff2?url';
import devanagari700 from '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-700-normal.woff2?url';
import bengali400 from '@fontsource/hind-siliguri/files/hind-siliguri-bengali-400-normal.woff2?url';
import bengali700 from '@fontsource/hind-siliguri/files/hind-siliguri-bengali-700-normal.woff2?url';
import gujarati400 from '@fontsource/noto-sans-gujarati/files/noto-sans-gujarati-gujarati-400-normal.woff2?url';
import gujarati700 from '@fontsource/noto-sans-gujarati/files/noto-sans-gujarati-gujarati-700-normal.woff2?url';
import gurmukhi400 from '@fontsource/noto-sans-gurmukhi/files/noto-sans-gurmukhi-gurmukhi-400-normal.woff2?url';
import gurmukhi700 from '@fontsource/noto-sans-gurmukhi/files/noto-sans-gurmukhi-gurmukhi-700-normal.woff2?url';
import arabic400 from '@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic-400-normal.woff2?url';
import arabic700 from '@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic-700-normal.woff2?url';

/** Family names used in the stylesheets' font lists. */
const SCRIPTS: { family: string; unicodeRange: string; files: [string, string] }[] = [
  { family: 'Balcao Devanagari', unicodeRange: 'U+0900-097F, U+1CD0-1CF9, U+A8E0-A8FF', files: [devanagari400, devanagari700] },
  { family: 'Balcao Bengali', unicodeRange: 'U+0980-09FE', files: [bengali400, bengali700] },
  { family: 'Balcao Gujarati', unicodeRange: 'U+0A80-0AFF', files: [gujarati400, gujarati700] },
  { family: 'Balcao Gurmukhi', unicodeRange: 'U+0A01-0A76', files: [gurmukhi400, gurmukhi700] },
  { family: 'Balcao Arabic', unicodeRange: 'U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFC', files: [arabic400, arabic700] },
];

if (typeof FontFace !== 'undefined' && typeof document !== 'undefined') {
  for (const { family, unicodeRange, files } of SCRIPTS) {
    // A face added to document.fonts loads only when text in its range is drawn.
    files.forEach((url, i) => document.fonts.add(new FontFace(family, `url(${url}) format('woff2')`, { unicodeRange, weight: i === 0 ? '400' : '700', display: 'swap' })));
  }
}
