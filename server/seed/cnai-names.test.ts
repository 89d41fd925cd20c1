import { describe, expect, it } from 'vitest';
import { OTHER_CLIENT_LOCALES, SERVICE_NAMES, TOPIC_NAMES } from './cnai-names.ts';
import { PARTNERS, TOPICS } from './cnai-preset.ts';

const CLIENT_LOCALES = ['pt-PT', 'en', ...OTHER_CLIENT_LOCALES];
const named = (names: Record<string, string>) => CLIENT_LOCALES.filter((l) => !names[l]?.trim());

describe('the CNAI preset names', () => {
  it('name every topic and every service in every client language (the kiosk shows them)', () => {
    for (const t of TOPICS) expect(named(t.name), `topic ${t.code} lacks`).toEqual([]);
    for (const p of PARTNERS) for (const s of p.services) expect(named(s.name), `service ${s.code} lacks`).toEqual([]);
  });

  it('translate only topics and services the preset has, and leave partner names alone', () => {
    expect(Object.keys(TOPIC_NAMES).sort()).toEqual(TOPICS.map((t) => t.code).sort());
    expect(Object.keys(SERVICE_NAMES).sort()).toEqual(PARTNERS.flatMap((p) => p.services.map((s) => s.code)).sort());
    for (const p of PARTNERS) expect(Object.keys(p.name).sort(), `partner ${p.code}`).toEqual(['en', 'pt-PT']);
  });
});
