import anyAscii from 'any-ascii';

/**
 * Names in any script, made comparable: transliterated to Latin letters (Олена → Olena,
 * محمد → mhmd), accents and case dropped, punctuation removed, tokens kept in order.
 */
const memo = new Map<string, string>();

export function searchName(fullName: string): string {
  const known = memo.get(fullName);
  if (known !== undefined) return known;
  const result = transliterate(fullName);
  if (memo.size > 20_000) memo.clear();
  memo.set(fullName, result);
  return result;
}

function transliterate(fullName: string): string {
  return anyAscii(fullName.normalize('NFKC'))
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

/**
 * A consonant skeleton per token, so that transliteration variants meet: "Mohammed", "Muhamad"
 * and Arabic "mhmd" all give "mhmd"; doubled letters collapse.
 */
const skeletonMemo = new Map<string, string[]>();

export function nameSkeleton(name: string): string[] {
  const known = skeletonMemo.get(name);
  if (known) return known;
  const result = skeletonOf(name);
  if (skeletonMemo.size > 20_000) skeletonMemo.clear();
  skeletonMemo.set(name, result);
  return result;
}

function skeletonOf(name: string): string[] {
  return searchName(name)
    .split(' ')
    .map((token) =>
      token
        .replace(/ph/g, 'f')
        .replace(/[kq]/g, 'c')
        .replace(/[zs]/g, 's')
        .replace(/[wv]/g, 'v')
        .replace(/y/g, 'i')
        .replace(/(.)(?=\1)/g, '')
        .replace(/(?!^)[aeiouh]/g, '')
        .replace(/^[aeiouh]/, ''),
    )
    .filter((s) => s.length > 0);
}

/** Normalises a document number for comparison: upper case, letters and digits only. */
export const documentKey = (number: string): string => anyAscii(number).toUpperCase().replace(/[^A-Z0-9]/g, '');
