/**
 * Kiosks, display boards and receipt printers' computers are often small Linux devices without
 * fonts for every script the clients read. These bundled fonts keep Hindi, Nepali, Bengali and
 * Arabic from turning into boxes; each subset carries a unicode-range, so a browser downloads one
 * only when a page shows that script and the device has no font of its own for it.
 */
import '@fontsource/noto-sans-devanagari/400.css';
import '@fontsource/noto-sans-devanagari/700.css';
import '@fontsource/hind-siliguri/400.css';
import '@fontsource/hind-siliguri/700.css';
import '@fontsource/ibm-plex-sans-arabic/400.css';
import '@fontsource/ibm-plex-sans-arabic/700.css';
