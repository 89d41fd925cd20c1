import { describe, expect, it } from 'vitest';
import { generateArrivals, seededRandom, serviceMinutes } from './day.ts';

describe('a simulated centre day', () => {
  it('is reproducible from its seed', () => {
    expect(generateArrivals(seededRandom(7), 200)).toEqual(generateArrivals(seededRandom(7), 200));
    expect(generateArrivals(seededRandom(7), 200)).not.toEqual(generateArrivals(seededRandom(8), 200));
  });

  it('peaks in the morning and stays within opening hours', () => {
    const day = generateArrivals(seededRandom(1), 1000);
    expect(day.length).toBeGreaterThan(950);
    const firstTwoHours = day.filter((c) => c.atMinute < 120).length;
    const lastTwoHours = day.filter((c) => c.atMinute >= 480).length;
    expect(firstTwoHours).toBeGreaterThan(2.5 * lastTwoHours);
    expect(day.every((c) => c.atMinute >= 0 && c.atMinute < 600)).toBe(true);
  });

  it('mixes languages and desks as the figures say: Brazilian Portuguese first, AIMA the busiest desk', () => {
    const day = generateArrivals(seededRandom(2), 3000);
    const count = (f: (c: (typeof day)[number]) => boolean) => day.filter(f).length;
    expect(count((c) => c.language === 'pt-BR')).toBeGreaterThan(count((c) => c.language === 'uk') * 4);
    const toAima = count((c) => c.route.includes('A'));
    const toSocialSecurity = count((c) => c.route.includes('S'));
    expect(toAima).toBeGreaterThan(2 * toSocialSecurity);
    expect(count((c) => c.noShow) / day.length).toBeCloseTo(0.05, 1);
  });

  it('draws service times with the expected mean and a long right tail', () => {
    const random = seededRandom(3);
    const times = Array.from({ length: 20000 }, () => serviceMinutes(random, 15));
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const sorted = [...times].sort((a, b) => a - b);
    expect(mean).toBeGreaterThan(13.5);
    expect(mean).toBeLessThan(16.5);
    expect(sorted[Math.floor(times.length / 2)]!).toBeLessThan(mean); // median below mean: right-skewed
  });
});
