import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordDiff } from './diff.ts';

describe('word diff of a source text', () => {
  it('marks the words that changed and keeps the rest', () => {
    expect(wordDiff('Bring your passport.', 'Bring your passport and a photo.')).toEqual([
      { kind: 'same', text: 'Bring your ' },
      { kind: 'removed', text: 'passport.' },
      { kind: 'added', text: 'passport and a photo.' },
    ]);
    expect(wordDiff('same text', 'same text')).toEqual([{ kind: 'same', text: 'same text' }]);
    expect(wordDiff('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('always rebuilds both texts: the old from kept and removed parts, the new from kept and added', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'taxa', 'ção', ' ', '\n', 'Пас'), { maxLength: 30 }), fc.array(fc.constantFrom('a', 'b', 'taxa', 'ção', ' ', '\n', 'Пас'), { maxLength: 30 }), (x, y) => {
        const before = x.join('');
        const after = y.join('');
        const parts = wordDiff(before, after);
        expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(before);
        expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(after);
      }),
    );
  });
});
