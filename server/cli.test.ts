import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from './test-support/db.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'balcao.js');

describe.each(TEST_DATABASES)('the balcao command line on %s', (kind) => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'balcao-cli-'));
    env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const url = process.env.TEST_DATABASE_URL!;
      const schema = `cli_${randomBytes(5).toString('hex')}`;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`create schema ${schema}`);
      await c.end();
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      env.DATABASE_URL = u.toString();
      cleanup = async () => {
        const d = new pg.Client({ connectionString: url });
        await d.connect();
        await d.query(`drop schema ${schema} cascade`);
        await d.end();
        rmSync(dataDir, { recursive: true, force: true });
      };
    }
  });
  afterAll(async () => cleanup());

  const balcao = (...args: string[]) => run(process.execPath, [BIN, ...args], { env });

  it('lists its commands', async () => {
    const { stdout } = await balcao('--help');
    for (const command of ['serve', 'migrate', 'seed', 'users', 'demo-code']) expect(stdout).toContain(command);
  });

  it('migrates, seeds the CNAI preset once, adds and disables a user', async () => {
    expect((await balcao('migrate')).stdout).toMatch(/up to date/);
    expect((await balcao('seed', '--preset', 'cnai', '--demo')).stdout).toMatch(/Seeded the CNAI preset/);
    expect((await balcao('seed', '--preset', 'cnai')).stdout).toMatch(/already has centres/);
    await balcao('users', 'add', '--username', 'nova.oficial', '--name', 'Nova Oficial', '--roles', 'agency_officer', '--partner', 'aima', '--centre', 'porto', '--password', 'a-long-password-1');
    expect((await balcao('users', 'list')).stdout).toMatch(/nova\.oficial\s+agency_officer\s+active/);
    await balcao('users', 'disable', 'nova.oficial');
    expect((await balcao('users', 'list')).stdout).toMatch(/nova\.oficial\s+agency_officer\s+disabled/);
    expect((await balcao('demo-code', 'admin')).stdout.trim()).toMatch(/^\d{6}$/);
  });

  it('explains what is wrong and exits non-zero on bad input', async () => {
    await expect(balcao('users', 'add', '--username', 'x1y', '--name', 'X', '--roles', 'agency_officer', '--password', 'a-long-password-1')).rejects.toMatchObject({
      stderr: expect.stringMatching(/partner/i),
    });
    await expect(balcao('users', 'add', '--username', 'x2y', '--name', 'X', '--roles', 'wizard', '--password', 'a-long-password-1')).rejects.toMatchObject({
      stderr: expect.stringMatching(/unknown role/),
    });
    await expect(balcao('seed', '--preset', 'atlantis')).rejects.toMatchObject({ stderr: expect.stringMatching(/unknown preset/) });
    await expect(balcao('demo-code', 'aima.lisboa')).rejects.toMatchObject({ stderr: expect.stringMatching(/not a demo account with a second factor/) });
  });
});
