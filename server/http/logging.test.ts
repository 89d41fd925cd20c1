import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestDb, type TestDb } from '../test-support/db.ts';
import { seedCnaiPreset, seedDemoStaff, DEMO_PASSWORD } from '../seed/seed.ts';
import { loggerOptions } from './logging.ts';

describe('request logs', () => {
  let db: TestDb;
  afterEach(async () => db.close());

  it('hold no names, search terms, passwords or cookies', async () => {
    db = await openTestDb('sqlite');
    await seedCnaiPreset(db.ctx);
    await seedDemoStaff(db.ctx);
    let logged = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((logged += String(chunk)), done()) });
    const app = await buildApp(db.ctx, { logger: loggerOptions('info', sink) });
    const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'mediador.lisboa', password: DEMO_PASSWORD } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    await app.inject({ method: 'GET', url: '/api/persons?q=Olena%20Kovalenko&birthDate=1990-04-02', headers: { cookie } });
    await app.close();
    expect(logged).toContain('"path":"/api/persons"');
    for (const secret of ['Olena', 'Kovalenko', '1990-04-02', DEMO_PASSWORD, cookie.split('=')[1]!]) expect(logged).not.toContain(secret);
  });
});
