import { describe, expect, it } from 'vitest';
import { CLIENT_LANGUAGES, LANGUAGE_CODES, formattingLocale, negotiateLanguage } from './languages.ts';

describe('language negotiation (Accept-Language, RFC 9110)', () => {
  it('takes the best-weighted exact tag, else the same base language, else the fallback', () => {
    expect(negotiateLanguage('uk-UA,uk;q=0.9,en;q=0.5', CLIENT_LANGUAGES, 'pt-PT')).toBe('uk');
    expect(negotiateLanguage('en;q=0.2, ar;q=0.8', CLIENT_LANGUAGES, 'pt-PT')).toBe('ar');
    expect(negotiateLanguage('pt-BR', CLIENT_LANGUAGES, 'en')).toBe('pt-BR');
    expect(negotiateLanguage('pt', CLIENT_LANGUAGES, 'en')).toBe('pt-PT');
    expect(negotiateLanguage('ja, zh;q=0', CLIENT_LANGUAGES, 'pt-PT')).toBe('pt-PT');
    expect(negotiateLanguage(undefined, CLIENT_LANGUAGES, 'pt-PT')).toBe('pt-PT');
    expect(negotiateLanguage(';;,,q=x', CLIENT_LANGUAGES, 'en')).toBe('en');
  });
  it('offers clients only languages Balcão knows', () => {
    for (const code of CLIENT_LANGUAGES) expect(LANGUAGE_CODES).toContain(code);
  });
});

describe('dates and times in a language', () => {
  it('writes English the European way (day first, 24-hour clock), other languages their own way', () => {
    const at = new Date('2026-11-23T19:07:00Z');
    const write = (lang: string) => new Intl.DateTimeFormat(formattingLocale(lang), { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Lisbon' }).format(at);
    expect(write('en')).toBe('23/11/2026, 19:07');
    expect(write('en-XA')).toBe('23/11/2026, 19:07');
    expect(write('pt-PT')).toBe('23/11/26, 19:07');
    expect(formattingLocale('uk')).toBe('uk');
  });
});
