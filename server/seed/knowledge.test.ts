import { describe, expect, it } from 'vitest';
import { CLIENT_LANGUAGES } from '../../core/languages.ts';
import { PARTNERS, TOPICS } from './cnai-preset.ts';
import { contentProblems, readPresetContent } from './knowledge.ts';

describe('the CNAI knowledge-base content', () => {
  const content = readPresetContent('cnai')!;
  const problems = (c = content) => contentProblems(c, TOPICS.map((t) => t.code), PARTNERS.flatMap((p) => p.services.map((s) => s.code)));

  it('loads: every item in every locale, lists lined up with the source, desks and topics that exist', () => {
    expect(problems()).toEqual([]);
  });

  it('exists in every client language, complete in pt-PT and en, the rest marked machine-translated', () => {
    expect([...content.locales.keys()].sort()).toEqual([...CLIENT_LANGUAGES].sort());
    expect(content.locales.get('pt-PT')!.machineTranslated).toBe(false);
    expect(content.locales.get('en')!.machineTranslated).toBe(false);
    for (const locale of CLIENT_LANGUAGES.filter((l) => l !== 'pt-PT' && l !== 'en')) expect(content.locales.get(locale)!.machineTranslated, locale).toBe(true);
  });

  it('covers the ten procedures the centres are asked about most', () => {
    const procedures = content.items.filter((i) => i.kind === 'procedure').map((i) => i.slug);
    expect(procedures).toHaveLength(10);
    for (const word of ['residence', 'family', 'nationality', 'health', 'social-security', 'school', 'labour', 'housing', 'consumer', 'voter']) {
      expect(procedures.some((p) => p.includes(word)), word).toBe(true);
    }
  });

  it('catches a translation that lost a step, a missing item and an unknown desk', () => {
    const broken = structuredClone({ ...content, locales: new Map([...content.locales].map(([k, v]) => [k, structuredClone(v)])) });
    const fr = broken.locales.get('fr')!;
    fr.items['family-reunification-application']!.steps!.pop();
    delete fr.items['health'];
    broken.items = broken.items.map((i) => (i.slug === 'housing-support' ? { ...i, services: ['teleportation'] } : i));
    expect(problems(broken)).toEqual(
      expect.arrayContaining([
        'fr.json: family-reunification-application.steps does not line up with pt-PT',
        'fr.json: health missing',
        'housing-support: unknown service teleportation',
      ]),
    );
  });
});
