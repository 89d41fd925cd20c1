/**
 * Text folding for search: case and Latin accents do not matter ("saude" finds "Saúde"), but
 * marks that are letters in other scripts (Devanagari and Bengali vowel signs, Arabic) are kept.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLocaleLowerCase();
}

/** Words of any script: letters, combining marks and digits. */
export function searchWords(text: string): string[] {
  return foldForSearch(text).match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}
