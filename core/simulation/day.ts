/**
 * A realistic centre day, from the figures in docs/domain.md: who comes when, in which language,
 * for what, with which priority, and how long they take. Pure and seeded, so a simulated day can
 * be replayed exactly.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pickWeighted<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return items[items.length - 1]![0];
}

/**
 * Preferred languages of clients, weighted by the foreign resident population in Portugal
 * (AIMA, end of 2024) and the CNAI user mix (Brazil 26%, Cape Verde 18%, Guinea 10%, Angola 8%,
 * Ukraine 4.5%), rounded.
 */
export const LANGUAGE_MIX: readonly (readonly [string, number])[] = [
  ['pt-BR', 30],
  ['pt-PT', 16], // Angola, Mozambique, Portuguese nationals
  ['kea', 9], // Cape Verde
  ['pov', 5], // Guinea-Bissau
  ['hi', 7], // India
  ['uk', 5],
  ['bn', 4], // Bangladesh
  ['ne', 3], // Nepal
  ['en', 6],
  ['fr', 4],
  ['es', 2],
  ['ar', 3],
  ['ru', 2],
  ['ro', 2],
  ['zh', 2],
];

/**
 * Which desks visits go on to after welcoming and sorting, weighted by the first-year figures
 * (borders service 59,590; social security 19,536; labour inspectorate 18,545) and the support
 * offices' smaller shares. Keys are ticket prefixes of the CNAI preset.
 */
export const DESK_MIX: readonly (readonly [string, number])[] = [
  ['A', 60],
  ['S', 20],
  ['T', 18],
  ['R', 8],
  ['H', 6],
  ['E', 5],
  ['J', 8],
  ['F', 6],
  ['P', 5],
  ['B', 4],
  ['N', 5],
  ['K', 4],
  ['Q', 2],
  ['C', 2],
  ['V', 1],
];

/**
 * Arrivals per hour across the day (08:00–18:00), as a share of the day's total: queues form
 * before opening and the morning is the peak.
 */
export const HOURLY_SHARE: readonly number[] = [0.17, 0.15, 0.13, 0.11, 0.09, 0.09, 0.08, 0.07, 0.06, 0.05];

export interface ArrivingClient {
  /** Minutes after opening. */
  atMinute: number;
  language: string;
  priorityReason: 'disability' | 'senior' | 'pregnancy' | 'infant' | null;
  /** First ticket: W (welcoming and sorting) for most; some go straight to a desk or the information counter. */
  firstPrefix: string;
  /** Desks after welcoming, in order. */
  route: string[];
  /** Whether they will not answer when called. */
  noShow: boolean;
}

/** The day's arrivals, sorted by time. `total` clients over `hours` opening hours. */
export function generateArrivals(random: () => number, total: number, hours = 10): ArrivingClient[] {
  const shares = HOURLY_SHARE.slice(0, hours);
  const sum = shares.reduce((a, b) => a + b, 0);
  const clients: ArrivingClient[] = [];
  shares.forEach((share, hour) => {
    const n = Math.round((total * share) / sum);
    for (let i = 0; i < n; i++) {
      // The first hour's crowd was already at the door: a third arrive in the first minutes.
      const atMinute = hour === 0 && random() < 0.33 ? random() * 5 : hour * 60 + random() * 60;
      const r = random();
      const first = r < 0.78 ? 'W' : r < 0.9 ? 'I' : pickWeighted(random, DESK_MIX);
      const route = first === 'W' ? [pickWeighted(random, DESK_MIX), ...(random() < 0.25 ? [pickWeighted(random, DESK_MIX)] : [])] : [];
      const p = random();
      clients.push({
        atMinute,
        language: pickWeighted(random, LANGUAGE_MIX),
        priorityReason: p < 0.03 ? 'pregnancy' : p < 0.06 ? 'infant' : p < 0.08 ? 'senior' : p < 0.1 ? 'disability' : null,
        firstPrefix: first,
        route: [...new Set(route)],
        noShow: random() < 0.05,
      });
    }
  });
  return clients.sort((a, b) => a.atMinute - b.atMinute);
}

/**
 * A service time in minutes: lognormal with the expected handling time as mean and a
 * coefficient of variation of 1 (right-skewed, as measured at government counters).
 */
export function serviceMinutes(random: () => number, meanMinutes: number, cv = 1): number {
  const sigma2 = Math.log(1 + cv * cv);
  const mu = Math.log(meanMinutes) - sigma2 / 2;
  // Box–Muller
  const u = Math.max(random(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  return Math.exp(mu + Math.sqrt(sigma2) * z);
}
