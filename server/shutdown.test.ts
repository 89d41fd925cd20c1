import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './seed/seed.ts';
import { TEST_DATABASES } from './test-support/db.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'balcao.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with the child's exit code, or null if it is still running after `ms`. */
function exitWithin(child: ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => resolve(null), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * `balcao serve` as a real process stops on SIGTERM while a display board is connected and a
 * request is in flight: the board's stream gets a retry hint and ends, the request is answered,
 * and the process exits 0.
 */
describe.each(TEST_DATABASES)('graceful shutdown of a real server on %s', (kind) => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'balcao-stop-'));
    env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', HOST: '127.0.0.1', PORT: String(await freePort()), COOKIE_SECURE: 'false', LOG_LEVEL: 'warn' };
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const url = process.env.TEST_DATABASE_URL!;
      const schema = `stop_${randomBytes(5).toString('hex')}`;
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
    await run(process.execPath, [BIN, 'seed', '--preset', 'cnai', '--demo'], { env });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await cleanup();
  });

  it('ends the display stream with a retry hint, answers the request in flight, then exits 0', async () => {
    child = spawn(process.execPath, [BIN, 'serve', '--no-demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /running at (http:\/\/\S+?)\/app\//.exec(output);
        if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
      });
      child!.once('exit', () => reject(new Error(`server exited: ${output}`)));
    });

    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gestor.lisboa', password: DEMO_PASSWORD }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const centreId = ((await signIn.json()) as { user: { centreId: string } }).user.centreId;

    // A display board's stream, read raw so the retry line can be seen.
    let streamText = '';
    const streamEnded = new Promise<void>((resolve, reject) => {
      http
        .get(`${base}/api/centres/${centreId}/events`, { headers: { cookie } }, (res) => {
          expect(res.statusCode).toBe(200);
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (streamText += chunk));
          res.on('end', resolve);
          res.on('error', reject);
        })
        .on('error', reject);
    });
    while (!streamText.includes('retry: 3000')) await new Promise((r) => setTimeout(r, 20));

    // A request in flight: its headers and half its body are sent before the signal, the rest after.
    const body = JSON.stringify({ username: 'mediador.lisboa', password: DEMO_PASSWORD });
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        child!.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 200);
    });

    await streamEnded;
    // The hint comes after the usual 3 s one: a delay within the shutdown window, then the end.
    expect(streamText.slice(streamText.indexOf('retry: 3000') + 11)).toMatch(/retry: \d+\n\n$/);
    const answered = await inFlight;
    expect(answered.status, answered.body).toBe(200);
    expect(JSON.parse(answered.body).user.username).toBe('mediador.lisboa');
    // Promptly: well before the grace period after which the server would cut connections itself.
    expect(await exitWithin(child, 5_000), output).toBe(0);
    // Nothing listens any more.
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  });
});
