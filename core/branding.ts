/**
 * The network's branding: its name, logo and colours, as the network administrator sets them for
 * the public website (and the kiosk and board later). Pure checks, shared by server and web app:
 * colours must keep WCAG AA contrast with the text drawn on and around them, and a logo must be a
 * small PNG or an SVG that cannot run anything.
 */

export interface BrandColours {
  /** Links, buttons and the header's rule on the white page. */
  primary: string;
  /** Text written on the primary colour (a button's label). */
  primaryText: string;
}

export interface Branding {
  /** The network's name in the header; null: the site's own title, translated. */
  name: string | null;
  colours: BrandColours;
}

export const DEFAULT_COLOURS: BrandColours = { primary: '#0b4f8a', primaryText: '#ffffff' };
export const PAGE_BACKGROUND = '#ffffff';
/** WCAG 2.1 AA for normal-size text (1.4.3). */
export const MIN_CONTRAST = 4.5;
export const MAX_PNG_BYTES = 200 * 1024;
export const MAX_SVG_BYTES = 50 * 1024;
/** A logo larger than this in either dimension is refused: the header shows it 40 px high. */
export const MAX_PNG_SIDE = 2000;

const HEX = /^#[0-9a-f]{6}$/i;
export const isHexColour = (s: string) => HEX.test(s);

function channel(v: number): number {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of "#rrggbb" (WCAG 2.1 definition). */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** Contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A darker shade for hover states (mixed toward black), never less contrast with white. */
export function darker(hex: string, amount = 0.25): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (v: number) => Math.round(v * (1 - amount));
  return `#${[(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => mix(v).toString(16).padStart(2, '0')).join('')}`;
}

export interface ColourProblem {
  field: keyof BrandColours;
  code: 'brand_colour_format' | 'brand_contrast';
  /** The measured ratio, for the message ("3.1:1, needs 4.5:1"). */
  ratio?: number;
  against?: string;
}

/** What is wrong with a pair of colours, if anything: a format, or too little contrast with its text. */
export function colourProblems(c: BrandColours): ColourProblem[] {
  const problems: ColourProblem[] = [];
  for (const field of ['primary', 'primaryText'] as const) if (!isHexColour(c[field])) problems.push({ field, code: 'brand_colour_format' });
  if (problems.length) return problems;
  const round = (r: number) => Math.floor(r * 100) / 100;
  // Links in the primary colour on the white page.
  const onPage = contrastRatio(c.primary, PAGE_BACKGROUND);
  if (onPage < MIN_CONTRAST) problems.push({ field: 'primary', code: 'brand_contrast', ratio: round(onPage), against: PAGE_BACKGROUND });
  // Button labels on the primary colour.
  const onButton = contrastRatio(c.primary, c.primaryText);
  if (onButton < MIN_CONTRAST) problems.push({ field: 'primaryText', code: 'brand_contrast', ratio: round(onButton), against: c.primary });
  return problems;
}

export type LogoType = 'image/png' | 'image/svg+xml';

export type LogoProblem = 'logo_type' | 'logo_too_large' | 'logo_not_png' | 'logo_dimensions' | 'logo_not_svg' | 'logo_svg_active';

/**
 * Anything in an SVG that could run script, load something from elsewhere or embed another
 * document. Such a logo is refused rather than cleaned: what is left after cleaning may not be
 * what the administrator meant, and a logo has no need of any of it.
 */
const ACTIVE_SVG = [
  /<script\b/i,
  /\son[a-z]+\s*=/i,
  /javascript:/i,
  /<foreignObject\b/i,
  /<(iframe|embed|object|audio|video|animate|set|handler|listener)\b/i,
  /<!ENTITY/i,
  /<!DOCTYPE/i,
  /(?:xlink:)?href\s*=\s*["']\s*(?!#)/i,
  /url\(\s*["']?\s*(?!#)/i,
  /@import/i,
];

/** PNG width and height from its IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  if (String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Why a logo is refused, or null when it is fine. */
export function logoProblem(type: string, bytes: Uint8Array): LogoProblem | null {
  if (type === 'image/png') {
    if (bytes.length > MAX_PNG_BYTES) return 'logo_too_large';
    const size = pngSize(bytes);
    if (!size) return 'logo_not_png';
    if (size.width < 1 || size.height < 1 || size.width > MAX_PNG_SIDE || size.height > MAX_PNG_SIDE) return 'logo_dimensions';
    return null;
  }
  if (type === 'image/svg+xml') {
    if (bytes.length > MAX_SVG_BYTES) return 'logo_too_large';
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return 'logo_not_svg';
    }
    if (ACTIVE_SVG.some((re) => re.test(text))) return 'logo_svg_active';
    if (!/^\s*(<\?xml[^>]*\?>\s*)?(<!--[^]*?-->\s*)*<svg[\s>]/i.test(text) || !/<\/svg>\s*$/i.test(text)) return 'logo_not_svg';
    return null;
  }
  return 'logo_type';
}
