import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The colour tokens of web/tokens.css, read from the file itself so the test follows any change. */
function colourTokens(): Map<string, string> {
  const css = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');
  const tokens = new Map<string, string>();
  for (const m of css.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)) tokens.set(m[1]!, m[2]!.toLowerCase());
  return tokens;
}

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Every text-on-background pair the staff screens use (docs/design-tokens.md lists them). */
const TEXT_PAIRS: [text: string, background: string][] = [
  ['text', 'bg'],
  ['text', 'bg-soft'],
  ['muted', 'bg'],
  ['muted', 'bg-soft'],
  ['primary', 'bg'],
  ['primary', 'bg-soft'],
  ['primary-dark', 'primary-light'],
  ['on-primary', 'primary'],
  ['on-primary', 'primary-dark'],
  ['error', 'bg'],
  ['error', 'error-bg'],
  ['on-primary', 'error'],
  ['success', 'bg'],
  ['success', 'success-bg'],
  ['warning', 'bg'],
  ['warning', 'warning-bg'],
  ['warning', 'warning-soft-bg'],
  ['text', 'warning-bg'],
  ['info', 'info-bg'],
  ['text', 'focus'],
];
/** Borders and focus rings that must stand out from their surroundings (WCAG 1.4.11: 3:1). */
const NON_TEXT_PAIRS: [part: string, background: string][] = [
  ['border', 'bg'],
  ['warning-border', 'bg'],
  ['warning-border', 'warning-bg'],
  ['focus', 'primary-dark'],
];

describe('design tokens', () => {
  const tokens = colourTokens();
  const value = (name: string) => {
    const v = tokens.get(name);
    if (!v) throw new Error(`no colour token --${name} in web/tokens.css`);
    return v;
  };

  it('computes contrast as WCAG defines it', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each(TEXT_PAIRS)('text --%s on --%s meets AA (4.5:1)', (text, background) => {
    expect(contrast(value(text), value(background))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(NON_TEXT_PAIRS)('--%s against --%s meets 3:1 for non-text contrast', (part, background) => {
    expect(contrast(value(part), value(background))).toBeGreaterThanOrEqual(3);
  });
});
