import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseRange, subsetsOf } from './fonts-zh.ts';

describe('the Chinese font faces', () => {
  it('clip each subset to the Chinese blocks, so Latin text, arrows and emoji never fetch a Chinese file', () => {
    expect(chineseRange('U+20-7e, U+2192, U+1f300-1f320')).toBe('');
    expect(chineseRange('U+3001-3003,U+4e00-4e10,U+ff01')).toBe('U+3001-3003,U+4e00-4e10,U+ff01');
    expect(chineseRange('U+2f00-3010')).toBe('U+2f00-2fdf,U+3000-3010');
  });

  it('cover every common ideograph (U+4E00–9FFF) from the numbered subsets of the installed font', () => {
    const css = readFileSync(join(import.meta.dirname, '..', 'node_modules/@fontsource/noto-sans-sc/400.css'), 'utf8');
    const subsets = subsetsOf(css);
    expect(subsets.length).toBeGreaterThan(50);
    expect(subsets.every((s) => /^noto-sans-sc-\d+-400-normal\.woff2$/.test(s.file))).toBe(true);
    const covered = (cp: number) =>
      subsets.some((s) =>
        chineseRange(s.unicodeRange)
          .split(',')
          .some((r) => {
            const [a, b] = r.slice(2).split('-').map((x) => parseInt(x, 16));
            return cp >= a! && cp <= (b ?? a!);
          }),
      );
    // 中文, 您好, 请取号 (take a ticket), 窗口 (counter).
    for (const ch of '中文您好请取号窗口') expect(covered(ch.codePointAt(0)!), ch).toBe(true);
  });
});
