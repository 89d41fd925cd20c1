import { describe, expect, it } from 'vitest';
import { seededRandom } from '../simulation/day.ts';
import { compare, findDuplicates, nameSimilarity, type PersonLike } from './duplicates.ts';
import { documentKey, nameSkeleton, searchName } from './names.ts';

describe('names in any script', () => {
  it('makes names searchable across accents, case and scripts', () => {
    expect(searchName('  João  GONÇALVES ')).toBe('joao goncalves');
    expect(searchName('Олена Коваленко')).toBe('olena kovalenko');
    expect(searchName('Nguyễn Văn An')).toBe('nguyen van an');
    expect(nameSkeleton('Mohammed')).toEqual(nameSkeleton('Muhamad'));
    expect(nameSkeleton('محمد')).toEqual(nameSkeleton('Mohamed'));
    expect(documentKey('ab-123 456/c')).toBe('AB123456C');
  });

  it('scores names: identical 1, typo and transliteration high, strangers low', () => {
    expect(nameSimilarity('Maria da Silva', 'maria da silva')).toBe(1);
    expect(nameSimilarity('Olena Kovalenko', 'Олена Коваленко')).toBe(1);
    expect(nameSimilarity('Mohamed Ali Hassan', 'Muhammad Ali Hasan')).toBeGreaterThan(0.8);
    expect(nameSimilarity('Ana Pereira', 'Anna Pereyra')).toBeGreaterThan(0.75);
    expect(nameSimilarity('Ana Pereira', 'Rajesh Kumar')).toBeLessThan(0.4);
  });

  it('gives the reasons a mediator can check', () => {
    const person = { fullName: 'Olena Kovalenko', birthDate: '1990-04-02', documentNumbers: ['FX123456'], phone: '+351 912 345 678' };
    expect(compare(person, { id: 'x', fullName: 'Олена Коваленко', birthDate: '1990-04-02', documentNumbers: [], phone: null })!.reasons).toEqual(['same_name', 'same_birth_date']);
    expect(compare(person, { id: 'y', fullName: 'O. K.', birthDate: null, documentNumbers: ['fx-123456'] })!.reasons).toContain('same_document');
    expect(compare(person, { id: 'z', fullName: 'Olena Kovalenko', birthDate: '1985-01-01', documentNumbers: [] })).toBeNull();
  });
});

/**
 * A generated population with known duplicates: each duplicate is the same person entered again
 * with the variations seen at a counter (accents dropped, a typo, names swapped, another script,
 * birth date missing, a document added). Precision and recall are reported for the closing note.
 */
const FIRST = ['Maria', 'João', 'Ana', 'Mohamed', 'Olena', 'Rajesh', 'Fatima', 'Carlos', 'Aminata', 'Ivan', 'Priya', 'Luís', 'Mamadou', 'Svitlana', 'Rahim', 'Sunita', 'Joana', 'Pedro', 'Ahmed', 'Iryna'];
const LAST = ['Silva', 'Santos', 'Kovalenko', 'Kumar', 'Hassan', 'Pereira', 'Diallo', 'Sharma', 'Costa', 'Shevchenko', 'Uddin', 'Tavares', 'Gomes', 'Baldé', 'Rahman', 'Fernandes', 'Oliveira', 'Bondarenko', 'Thapa', 'Mendes'];
const CYRILLIC: Record<string, string> = { Olena: 'Олена', Ivan: 'Іван', Svitlana: 'Світлана', Iryna: 'Ірина', Kovalenko: 'Коваленко', Shevchenko: 'Шевченко', Bondarenko: 'Бондаренко' };

function population(n: number, duplicates: number, seed: number) {
  const r = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const people: (PersonLike & { truth: number })[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${pick(FIRST)} ${pick(FIRST)} ${pick(LAST)} ${pick(LAST)}`;
    const birth = `19${50 + Math.floor(r() * 50)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    people.push({ id: `p${i}`, fullName: name, birthDate: birth, documentNumbers: r() < 0.6 ? [`P${Math.floor(r() * 1e7)}`] : [], truth: i });
  }
  const variants: (PersonLike & { truth: number })[] = [];
  for (let d = 0; d < duplicates; d++) {
    const original = people[Math.floor(r() * n)]!;
    let name = original.fullName;
    const kind = d % 6;
    if (kind === 0) name = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
    if (kind === 1) {
      const i = 1 + Math.floor(r() * (name.length - 2));
      name = name.slice(0, i) + name.slice(i + 1); // a letter dropped
    }
    if (kind === 2) name = name.split(' ').reverse().join(' ');
    if (kind === 3) name = name.split(' ').map((t) => CYRILLIC[t] ?? t).join(' ');
    const birthDate = kind === 4 ? null : original.birthDate;
    const documentNumbers = kind === 5 ? original.documentNumbers : [];
    variants.push({ id: `d${d}`, fullName: name, birthDate, documentNumbers, truth: original.truth });
  }
  return { people, variants };
}

describe('duplicate detection on a generated population', () => {
  it('finds entered-again people with high precision and recall', () => {
    const { people, variants } = population(1500, 300, 42);
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const v of variants) {
      const found = findDuplicates(v, people, 3);
      const hit = found.some((f) => people.find((p) => p.id === f.id)!.truth === v.truth);
      if (hit) truePositives++;
      else falseNegatives++;
      falsePositives += found.filter((f) => people.find((p) => p.id === f.id)!.truth !== v.truth).length;
    }
    // New, distinct people should mostly raise no alarm.
    const { people: strangers } = population(300, 0, 7);
    for (const s of strangers) falsePositives += findDuplicates(s, people, 3).length;
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.log(`duplicate detection: precision=${precision.toFixed(3)} recall=${recall.toFixed(3)} (1500 people, 300 known duplicates, 300 new people)`);
    expect(recall).toBeGreaterThan(0.85);
    expect(precision).toBeGreaterThan(0.85);
  });
});
