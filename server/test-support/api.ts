import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import type { App } from '../http/types.ts';
import { openTestDb, type TestDb } from './db.ts';
import type { DatabaseKind } from '../db/database.ts';
import { seedCnaiPreset, seedDemoStaff, DEMO_PASSWORD } from '../seed/seed.ts';
import { currentTotp } from '../modules/auth/totp.ts';
import type { Config } from '../config.ts';

export interface TestApi extends TestDb {
  app: App;
  /** Signs a demo user in and returns a client that carries their cookie and CSRF token. */
  signIn(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  centreId(code: string): Promise<string>;
  partnerId(code: string): Promise<string>;
}

export interface Client {
  cookie: string;
  csrfToken: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

function clientFor(app: App, cookie: string, csrfToken: string): Client {
  return {
    cookie,
    csrfToken,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { ...(cookie ? { cookie } : {}), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
  };
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  return (first ?? '').split(';')[0] ?? '';
}

/**
 * The user's current second-factor code, usable again: tests sign one user in many times within a
 * 30-second window, which the replay guard would refuse (auth.test.ts tests that guard itself).
 */
export async function totpFor(db: TestDb, username: string): Promise<string> {
  await db.ctx.db.updateTable('staff_user').set({ totp_last_step: null }).where('username', '=', username).execute();
  const row = await db.ctx.db.selectFrom('staff_user').select('totp_secret').where('username', '=', username).executeTakeFirstOrThrow();
  return currentTotp(row.totp_secret!);
}

/** The app on a fresh database seeded with the CNAI preset and demo staff. */
export async function openTestApi(kind: DatabaseKind, config: Partial<Config> = {}, options: { beforeReady?: (app: App) => void } = {}): Promise<TestApi> {
  const db = await openTestDb(kind, config);
  await seedCnaiPreset(db.ctx);
  await seedDemoStaff(db.ctx);
  const app = await buildApp(db.ctx, { rateLimitPerMinute: 100_000, ...(kind === 'postgres' ? { postgresUrl: process.env.TEST_DATABASE_URL! } : {}) });
  // Hooks a test adds to watch requests (e.g. the fuzz test counting those that reach a handler).
  options.beforeReady?.(app);
  await app.ready();
  return {
    ...db,
    app,
    anonymous: clientFor(app, '', ''),
    async signIn(username, password = DEMO_PASSWORD) {
      const needsCode = username === 'admin';
      const res = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password, ...(needsCode ? { totpCode: await totpFor(db, username) } : {}) },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
      return clientFor(app, cookieFrom(res), res.json().csrfToken);
    },
    centreId: async (code) => (await db.ctx.db.selectFrom('centre').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id,
    partnerId: async (code) => (await db.ctx.db.selectFrom('partner').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
