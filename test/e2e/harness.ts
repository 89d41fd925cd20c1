import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { openDatabase, migrateToLatest } from '../../server/db/database.ts';
import { loadConfig } from '../../server/config.ts';
import { seedCnaiPreset, seedDemoStaff, DEMO_PASSWORD } from '../../server/seed/seed.ts';
import { currentTotp } from '../../server/modules/auth/totp.ts';
import { seedKnowledge } from '../../server/seed/knowledge.ts';
import type { AppContext } from '../../server/context.ts';

export { DEMO_PASSWORD };
export const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(import.meta.dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'test-results');

/** Whether browser tests can run here; without chromium they are skipped locally and fail in CI. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}; install it with: apt-get install -y chromium`);
  console.warn(`Skipping browser tests: ${CHROMIUM} is missing. Install it with: apt-get install -y chromium`);
  return false;
}

function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
}

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /** The server's own context, for preparing what a journey needs that no screen makes (e.g. a statistics history). */
  ctx: AppContext;
  adminTotp(): Promise<string>;
  newContext(): Promise<BrowserContext>;
  /** A page in a fresh context of its own (its own cookies and storage). */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The server's clock (default: real time), e.g. shifted into opening hours so kiosk tickets can be issued. */
  now?: () => Date;
}

/** The real server on a fresh SQLite database with the CNAI preset and demo staff, plus a chromium. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'balcao-e2e-'));
  const handle = openDatabase({ sqlitePath: join(dir, 'e2e.sqlite') });
  await migrateToLatest(handle.db);
  const ctx: AppContext = { db: handle.db, dbKind: handle.kind, config: loadConfig({ ...process.env, COOKIE_SECURE: 'false' }), now: options.now ?? (() => new Date()) };
  await seedCnaiPreset(ctx);
  await seedDemoStaff(ctx);
  await seedKnowledge(ctx);
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  const newContext = async () => {
    const c = await browser.newContext({ locale: 'pt-PT', viewport: { width: 1280, height: 900 } });
    contexts.push(c);
    return c;
  };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    browser,
    ctx,
    async adminTotp() {
      // Usable again: a journey signs the administrator in more than once within a 30-second window.
      await handle.db.updateTable('staff_user').set({ totp_last_step: null }).where('username', '=', 'admin').execute();
      const row = await handle.db.selectFrom('staff_user').select('totp_secret').where('username', '=', 'admin').executeTakeFirstOrThrow();
      return currentTotp(row.totp_secret!);
    },
    newContext,
    newPage: async () => (await newContext()).newPage(),
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await app.close();
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Runs a test body; on failure keeps a screenshot of each page under test-results/. */
export async function withScreenshots(name: string, pages: () => Page[], body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    for (const [i, p] of pages().entries()) await screenshot(p, `FAILED-${name}-${i}`).catch(() => undefined);
    throw e;
  }
}

/** Zero axe violations against WCAG 2.1 A and AA; prints them when there are some. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary}`).join('\n'));
  if (summary.length) console.error(`axe violations on ${label}:\n${summary.join('\n')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Signs in through the form; answers the second-factor question for the administrator. */
export async function signIn(page: Page, h: Harness, username: string, lang = 'pt-PT'): Promise<void> {
  await page.goto(`${h.baseUrl}/app/sign-in?lng=${lang}`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form button[type=submit]').click();
  if (username === 'admin') {
    await page.locator('#totp-code').waitFor();
    await page.locator('#totp-code').fill(await h.adminTotp());
    await page.locator('form button[type=submit]').click();
  }
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

export async function setLanguage(page: Page, lang: 'pt-PT' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('balcao.lang', l), lang);
}
