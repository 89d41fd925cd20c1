import { distance } from 'fastest-levenshtein';
import { documentKey, nameSkeleton, searchName } from './names.ts';

export interface PersonLike {
  id: string;
  fullName: string;
  birthDate: string | null;
  documentNumbers: string[];
  phone?: string | null;
}

export type MatchReason = 'same_document' | 'same_birth_date' | 'similar_name' | 'same_name' | 'same_phone' | 'name_order_swapped';

export interface DuplicateCandidate {
  id: string;
  score: number;
  reasons: MatchReason[];
}

/** 1 for identical names, 0 for nothing in common; tolerant of typos, transliteration and order. */
export function nameSimilarity(a: string, b: string): number {
  const na = searchName(a);
  const nb = searchName(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const ta = nameSkeleton(a);
  const tb = nameSkeleton(b);
  // Token overlap, each token matched to its closest counterpart (order-free).
  const tokenScore = (xs: string[], ys: string[]) =>
    xs.reduce((sum, x) => {
      const best = Math.max(0, ...ys.map((y) => 1 - distance(x, y) / Math.max(x.length, y.length, 1)));
      return sum + best;
    }, 0) / Math.max(xs.length, 1);
  const skeleton = Math.min(tokenScore(ta, tb), tokenScore(tb, ta));
  const sorted = (s: string) => s.split(' ').sort().join(' ');
  const letters = 1 - distance(sorted(na), sorted(nb)) / Math.max(na.length, nb.length);
  return Math.max(letters, skeleton * 0.95);
}

const normalPhone = (p: string | null | undefined) => (p ?? '').replace(/\D/g, '').slice(-9);

/**
 * How likely `candidate` is the same person as `person`, with the reasons a mediator can check.
 * A shared document number decides; otherwise the birth date and the name must agree.
 */
export function compare(person: Omit<PersonLike, 'id'>, candidate: PersonLike): DuplicateCandidate | null {
  const reasons: MatchReason[] = [];
  let score = 0;
  const docs = new Set(person.documentNumbers.map(documentKey).filter(Boolean));
  if (candidate.documentNumbers.some((d) => docs.has(documentKey(d)))) {
    reasons.push('same_document');
    score += 0.9;
  }
  const sim = nameSimilarity(person.fullName, candidate.fullName);
  if (sim === 1) reasons.push('same_name');
  else if (sim >= 0.75) reasons.push('similar_name');
  const swapped = searchName(person.fullName).split(' ').sort().join(' ') === searchName(candidate.fullName).split(' ').sort().join(' ') && sim < 1;
  if (swapped) reasons.push('name_order_swapped');
  const sameBirth = !!person.birthDate && person.birthDate === candidate.birthDate;
  if (sameBirth) reasons.push('same_birth_date');
  const samePhone = normalPhone(person.phone).length >= 9 && normalPhone(person.phone) === normalPhone(candidate.phone);
  if (samePhone) reasons.push('same_phone');

  score += sim >= 0.75 ? sim * 0.5 : 0;
  score += sameBirth ? 0.35 : 0;
  // A missing birth date neither confirms nor refutes: a near-identical name is then worth a look.
  if ((!person.birthDate || !candidate.birthDate) && sim >= 0.9) score += 0.25;
  score += samePhone ? 0.25 : 0;
  // A different known birth date argues strongly against.
  if (person.birthDate && candidate.birthDate && person.birthDate !== candidate.birthDate && !reasons.includes('same_document')) score -= 0.4;
  return score >= DUPLICATE_THRESHOLD ? { id: candidate.id, score: Math.min(1, Number(score.toFixed(3))), reasons } : null;
}

export const DUPLICATE_THRESHOLD = 0.7;

export function findDuplicates(person: Omit<PersonLike, 'id'>, candidates: PersonLike[], limit = 5): DuplicateCandidate[] {
  return candidates
    .map((c) => compare(person, c))
    .filter((c): c is DuplicateCandidate => c !== null)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
