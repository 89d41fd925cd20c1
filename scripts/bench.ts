/**
 * `npm run bench`: starts Balcão on a fresh SQLite database in a child process and measures, from
 * this process, over loopback:
 *   issue-ticket  POST /api/visits at a fixed rate (open loop)
 *   call-next     POST /api/counters/:id/call-next at a fixed rate across many counters
 *   sse-call      a call reaching every one of N subscribed display boards (SSE)
 *   site-page     public website pages (home, procedure, centre with live waits, search) in several
 *                 languages, at a fixed rate, while the queues are busy; plus each page's weight
 * Prints one line per measure: NAME p50=<ms>ms p99=<ms>ms rate=<n>/s, plus budget verdicts.
 *   history-generate, stats-query  see scripts/bench-stats.ts (BENCH_STATS_YEARS, BENCH_DATABASE_URL)
 * Options (environment): BENCH_RATE (200), BENCH_SECONDS (10), BENCH_SSE_CLIENTS (2000), BENCH_SSE_CALLS (30).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchStatistics } from './bench-stats.ts';
import { benchPlanner } from './bench-planner.ts';
import { benchWaitEstimates } from './bench-wait.ts';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SSE_CLIENTS = Number(process.env.BENCH_SSE_CLIENTS ?? 2000);
const SSE_CALLS = Number(process.env.BENCH_SSE_CALLS ?? 30);
const COUNTERS = 60;
const PORT = 3900 + Math.floor(Math.random() * 90);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'balcao-demo-2026';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

interface Res {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${BASE}${path}`,
      { method, agent, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(username: string, totpCode?: string): Promise<Session> {
  const res = await request('POST', '/api/session', { username, password: PASSWORD, ...(totpCode ? { totpCode } : {}) });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: JSON.parse(res.body).csrfToken };
}

const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(name: string, latencies: number[], seconds: number, budgetP99?: number): boolean {
  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const rate = latencies.length / seconds;
  const verdict = budgetP99 === undefined ? '' : p99 < budgetP99 ? `  (budget p99 < ${budgetP99} ms: met, ${(p99 / budgetP99).toFixed(2)} of budget)` : `  (budget p99 < ${budgetP99} ms: MISSED, ${(p99 / budgetP99).toFixed(2)}× budget)`;
  console.log(`${name} p50=${p50.toFixed(2)}ms p99=${p99.toFixed(2)}ms rate=${rate.toFixed(0)}/s${verdict}`);
  return budgetP99 === undefined || p99 < budgetP99;
}

/** Fires `fn` at a fixed rate for `seconds` (open loop: a slow answer does not slow the arrivals). */
async function openLoop(rate: number, seconds: number, fn: (i: number) => Promise<number | null>): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inflight.push(
      fn(i).then(
        (ms) => {
          if (ms === null) errors++;
          else latencies.push(ms);
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(inflight);
  return { latencies, errors };
}

async function startServer(dataDir: string): Promise<ChildProcess> {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs, 'bin/balcao.js', 'serve'], {
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000', DATABASE_URL: '', COOKIE_SECURE: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    await sleep(200);
    try {
      if ((await request('GET', '/api/health')).status === 200) return child;
    } catch {
      // not listening yet
    }
  }
  child.kill();
  throw new Error('server did not start');
}

async function demoCode(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['bin/balcao.js', 'demo-code', 'admin'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error('demo-code failed'))));
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'balcao-bench-'));
  const server = await startServer(dataDir);
  let ok = true;
  try {
    console.log(`# Balcão bench: SQLite, server in a child process, loopback HTTP; rate ${RATE}/s for ${SECONDS}s; ${SSE_CLIENTS} SSE clients`);
    const admin = await signIn('admin', await demoCode(dataDir));
    const manager = await signIn('gestor.lisboa');
    const centres = JSON.parse((await request('GET', '/api/centres', undefined, as(admin))).body).items as { id: string; code: string }[];
    const lisboa = centres.find((c) => c.code === 'lisboa')!.id;
    const config = JSON.parse((await request('GET', `/api/centres/${lisboa}`, undefined, as(admin))).body);
    const welcoming = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'W').id as string;
    const acolhimento = (JSON.parse((await request('GET', '/api/partners', undefined, as(admin))).body).items as { id: string; code: string }[]).find((p) => p.code === 'acolhimento')!.id;

    // Staff and counters for the call-next load: one mediator per counter.
    const counters: { id: string; session: Session }[] = [];
    for (let i = 0; i < COUNTERS; i++) {
      const user = `bench.mediator${i}`;
      const created = await request('POST', '/api/staff', { username: user, displayName: `Bench ${i}`, password: PASSWORD, roles: ['mediator'], partnerId: acolhimento, centreId: lisboa }, as(admin));
      if (created.status !== 201) throw new Error(`create staff: ${created.body}`);
      const counter = JSON.parse((await request('POST', '/api/counters', { centreId: lisboa, number: 700 + i, serviceIds: [welcoming] }, as(admin))).body);
      const session = await signIn(user);
      const took = await request('POST', `/api/counters/${counter.id}/session`, {}, as(session));
      if (took.status !== 200) throw new Error(`take counter: ${took.body}`);
      counters.push({ id: counter.id, session });
    }

    // A display board for the SSE measure.
    const { pairingCode } = JSON.parse((await request('POST', '/api/devices', { centreId: lisboa, kind: 'display', name: 'Bench board' }, as(manager))).body);
    const paired = await request('POST', '/api/device/pair', { code: pairingCode });
    const displayCookie = String(paired.headers['set-cookie']).split(';')[0]!;

    const mediator = await signIn('mediador.lisboa');
    const languages = ['pt-PT', 'pt-BR', 'en', 'uk', 'ar', 'hi', 'bn', 'ne', 'fr', 'kea'];

    // Warm-up, then issue-ticket.
    await openLoop(50, 1, async () => (await request('POST', '/api/visits', { serviceId: welcoming, language: 'pt-PT' }, as(mediator))).status === 201 ? 0 : null);
    const issue = await openLoop(RATE, SECONDS, async (i) => {
      const t0 = performance.now();
      const res = await request('POST', '/api/visits', { serviceId: welcoming, language: languages[i % languages.length] }, { ...as(mediator), 'idempotency-key': `bench-${i}-${Date.now()}` });
      return res.status === 201 ? performance.now() - t0 : null;
    });
    ok = report('issue-ticket', issue.latencies, SECONDS, 25) && ok;
    if (issue.errors) console.log(`issue-ticket errors=${issue.errors}`);

    // call-next: each call goes to a free counter, which then finishes its ticket (not timed).
    const free = [...counters];
    let starved = 0;
    const call = await openLoop(RATE, SECONDS, async () => {
      const counter = free.shift();
      if (!counter) {
        starved++;
        return null;
      }
      const t0 = performance.now();
      const res = await request('POST', `/api/counters/${counter.id}/call-next`, {}, as(counter.session));
      const ms = performance.now() - t0;
      if (res.status === 200) {
        const ticket = JSON.parse(res.body).ticket.id;
        await request('POST', `/api/tickets/${ticket}/finish`, { outcome: 'resolved' }, as(counter.session));
      }
      free.push(counter);
      return res.status === 200 ? ms : null;
    });
    ok = report('call-next', call.latencies, SECONDS, 25) && ok;
    if (call.errors) console.log(`call-next errors=${call.errors} (no free counter: ${starved})`);

    // sse-call: N display boards subscribed; time from the call request to each board's event.
    const boards: http.ClientRequest[] = [];
    const waiting = new Map<string, { t0: number; seen: number }>();
    const arrivals: number[] = [];
    let connected = 0;
    const sseAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    await new Promise<void>((resolve, reject) => {
      for (let i = 0; i < SSE_CLIENTS; i++) {
        const req = http.get(`${BASE}/api/centres/${lisboa}/events`, { agent: sseAgent, headers: { cookie: displayCookie } }, (res) => {
          res.setEncoding('utf8');
          let buffer = '';
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let idx: number;
            while ((idx = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, idx);
              buffer = buffer.slice(idx + 2);
              if (block.includes('event: ready')) {
                if (++connected === SSE_CLIENTS) resolve();
              } else if (block.includes('event: ticket.called')) {
                const m = /"number":"([A-Z]+\d+)"/.exec(block);
                const w = m ? waiting.get(m[1]!) : undefined;
                if (w) {
                  arrivals.push(performance.now() - w.t0);
                  w.seen++;
                }
              }
            }
          });
        });
        req.on('error', reject);
        boards.push(req);
      }
    });
    const sseCounter = counters[0]!;
    const sseStart = performance.now();
    for (let i = 0; i < SSE_CALLS; i++) {
      const issued = JSON.parse((await request('POST', '/api/visits', { serviceId: welcoming, language: 'ar' }, as(mediator))).body).ticket;
      // Drain whatever else waits so the next call is this ticket.
      await request('POST', `/api/tickets/${issued.id}/recall`, {}, as(sseCounter.session)).catch(() => undefined);
      const t0 = performance.now();
      waiting.set(issued.number, { t0, seen: 0 });
      const res = await request('POST', `/api/counters/${sseCounter.id}/call-next`, { ticketId: issued.id }, as(sseCounter.session));
      if (res.status !== 200) throw new Error(`sse call: ${res.body}`);
      const deadline = performance.now() + 5000;
      while (waiting.get(issued.number)!.seen < SSE_CLIENTS && performance.now() < deadline) await sleep(5);
      await request('POST', `/api/tickets/${issued.id}/finish`, { outcome: 'resolved' }, as(sseCounter.session));
      await sleep(1000 / 4);
    }
    const missed = SSE_CALLS * SSE_CLIENTS - arrivals.length;
    ok = report('sse-call', arrivals, (performance.now() - sseStart) / 1000, 250) && ok;
    console.log(`sse-call clients=${SSE_CLIENTS} calls=${SSE_CALLS} deliveries=${arrivals.length} missed=${missed}`);
    if (missed > 0) ok = false;
    for (const b of boards) b.destroy();

    // site-page: what a reader on a cheap phone gets. Weight is raw and gzip (as a proxy would send it).
    const pages = ['/ar/', '/ar/procedures/family-reunification-application', '/uk/centres/lisboa', `/uk/search?q=${encodeURIComponent('паспорт')}`, '/pt-PT/topics/health', '/hi/procedures/health-user-number'];
    const css = (await request('GET', '/site/site.css')).body;
    for (const path of pages) {
      const res = await request('GET', path);
      if (res.status !== 200) throw new Error(`site ${path}: ${res.status}`);
      const raw = Buffer.byteLength(res.body) + Buffer.byteLength(css);
      const gz = gzipSync(res.body).length + gzipSync(css).length;
      // A slow connection: 400 kbit/s with 400 ms round trips (two: page, then stylesheet).
      const slowMs = 2 * 400 + (gz * 8) / 400;
      console.log(`site-weight ${path} html+css=${(raw / 1024).toFixed(1)}KB gzip=${(gz / 1024).toFixed(1)}KB slow-link=${(slowMs / 1000).toFixed(1)}s`);
    }
    const site = await openLoop(RATE / 2, SECONDS, async (i) => {
      const t0 = performance.now();
      const res = await request('GET', pages[i % pages.length]!);
      return res.status === 200 ? performance.now() - t0 : null;
    });
    ok = report('site-page', site.latencies, SECONDS, 50) && ok;
    if (site.errors) console.log(`site-page errors=${site.errors}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Statistics: history generation and the dashboard's questions over years of it (its own databases).
  ok = (await benchStatistics()) && ok;
  // Planner: a full week's staffing plan of the CNAI network (budget under 1 s).
  ok = (await benchPlanner()) && ok;
  // Wait estimates: the old and the new estimator on the same replayed CNAI days.
  ok = benchWaitEstimates() && ok;
  console.log(ok ? 'bench: every budget met' : 'bench: a budget was missed');
  process.exit(ok ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
