import { Command, InvalidArgumentError } from 'commander';
import { loadConfig, sqlitePathFor } from './config.ts';
import { migrateToLatest } from './db/database.ts';
import { contextFor, openFromConfig, startServer } from './main.ts';
import { seedCnaiPreset, seedDemoStaff } from './seed/seed.ts';
import { createStaff, setDisabled } from './modules/staff/service.ts';
import { findUserByUsername, listUsers, toStaffUser } from './modules/staff/store.ts';
import { currentTotp } from './modules/auth/totp.ts';
import { isRole, ROLES, type Role } from '../core/roles.ts';
import { VERSION } from './version.ts';
import { AppError } from './http/errors.ts';
import { translator } from './i18n.ts';
import { agentCount, erlangLine, erlangReport, fraction, nonNegativeNumber, positiveNumber, type ErlangOptions } from './cli-erlang.ts';

async function withContext<T>(fn: (ctx: ReturnType<typeof contextFor>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = openFromConfig(config);
  try {
    await migrateToLatest(handle.db, handle.postgres?.schema);
    return await fn(contextFor(config, handle));
  } finally {
    await handle.close();
  }
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
  return n;
}

function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((r) => r.trim()).filter(Boolean);
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length) throw new InvalidArgumentError(`unknown role(s): ${bad.join(', ')}. Roles: ${ROLES.join(', ')}`);
  return roles as Role[];
}

const program = new Command('balcao')
  .description('Balcão — the computer system for immigrant one-stop shops')
  .version(VERSION);

program
  .command('serve')
  .description('run the server (migrates first; on an empty database seeds the CNAI demo network and demo staff)')
  .option('--no-demo', 'do not seed demo data on an empty database')
  .action(async (opts: { demo: boolean }) => {
    const demo = opts.demo && process.env.BALCAO_DEMO !== 'false';
    const running = await startServer({ demo });
    console.log(`Balcão is running at ${running.url}/app/  (public website: ${running.url}/ · kiosk: /kiosk · display board: /display · API docs: /api/docs)`);
    // SIGTERM (a service manager, a container runtime) and Ctrl-C stop gracefully: streams told
    // to reconnect, requests in flight answered, then exit. A second signal stops at once.
    const shutdown = (signal: NodeJS.Signals) => {
      console.log(`${signal}: stopping (event streams told to reconnect, requests in flight finishing)…`);
      process.once(signal, () => process.exit(1));
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    await withContext(async () => undefined);
    console.log('Database is up to date.');
  });

program
  .command('seed')
  .description('seed a preset network on an empty database')
  .requiredOption('--preset <name>', 'preset to seed (cnai)')
  .option('--demo', 'also create demo staff for every role')
  .action(async (opts: { preset: string; demo?: boolean }) => {
    if (opts.preset !== 'cnai') throw new InvalidArgumentError(`unknown preset "${opts.preset}" (known: cnai)`);
    await withContext(async (ctx) => {
      const seeded = await seedCnaiPreset(ctx);
      console.log(seeded ? 'Seeded the CNAI preset.' : 'The database already has centres; preset not applied.');
      const { seedKnowledge } = await import('./seed/knowledge.ts');
      if (await seedKnowledge(ctx)) console.log('Seeded the knowledge base (content/cnai).');
      if (opts.demo) {
        console.log((await seedDemoStaff(ctx)) ? 'Created demo staff.' : 'Demo staff already exist.');
        const { seedDemoCasefiles } = await import('./seed/demo-casefiles.ts');
        if (await seedDemoCasefiles(ctx)) console.log('Created demo casefiles.');
      }
    });
  });

const users = program.command('users').description('manage staff accounts');

users
  .command('add')
  .description('create a staff account (password from BALCAO_PASSWORD or --password)')
  .requiredOption('--username <username>')
  .requiredOption('--name <displayName>')
  .requiredOption('--roles <roles>', `comma-separated: ${ROLES.join(', ')}`, parseRoles)
  .option('--password <password>', 'at least 10 characters (prefer the BALCAO_PASSWORD variable: it stays out of shell history)')
  .option('--partner <code>', 'partner code, required for agency and support-office officers')
  .option('--centre <code>', 'home centre code')
  .action(async (opts: { username: string; name: string; roles: Role[]; password?: string; partner?: string; centre?: string }) => {
    const password = opts.password ?? process.env.BALCAO_PASSWORD;
    if (!password || password.length < 10) throw new InvalidArgumentError('a password of at least 10 characters is needed (BALCAO_PASSWORD or --password)');
    await withContext(async (ctx) => {
      const partner = opts.partner ? await ctx.db.selectFrom('partner').select('id').where('code', '=', opts.partner).executeTakeFirst() : null;
      if (opts.partner && !partner) throw new InvalidArgumentError(`unknown partner "${opts.partner}"`);
      const centre = opts.centre ? await ctx.db.selectFrom('centre').select('id').where('code', '=', opts.centre).executeTakeFirst() : null;
      if (opts.centre && !centre) throw new InvalidArgumentError(`unknown centre "${opts.centre}"`);
      const user = await createStaff(ctx, {
        username: opts.username,
        displayName: opts.name,
        password,
        roles: opts.roles,
        partnerId: partner?.id ?? null,
        centreId: centre?.id ?? null,
      });
      console.log(`Created ${user.username} (${user.roles.join(', ')}).${user.roles.includes('network_admin') ? ' They will enrol a second factor at first sign-in.' : ''}`);
    });
  });

users
  .command('disable')
  .description('disable a staff account and end its sessions at once')
  .argument('<username>')
  .action(async (username: string) => {
    await withContext(async (ctx) => {
      const user = await findUserByUsername(ctx.db, username);
      if (!user) throw new InvalidArgumentError(`no user "${username}"`);
      await setDisabled(ctx, 'cli', user.id, true);
      console.log(`Disabled ${user.username}; their sessions have ended.`);
    });
  });

users
  .command('list')
  .description('list staff accounts')
  .action(async () => {
    await withContext(async (ctx) => {
      for (const u of (await listUsers(ctx.db)).map(toStaffUser)) {
        console.log(`${u.username.padEnd(20)} ${u.roles.join(',').padEnd(28)} ${u.disabled ? 'disabled' : 'active'}`);
      }
    });
  });

program
  .command('simulate')
  .description('drive a running server through a realistic centre day (needs the demo network; uses the same database settings as the server)')
  .option('--url <url>', 'the running server', 'http://localhost:3000')
  .option('--centre <code>', 'centre to simulate', 'lisboa')
  .option('--speed <n>', 'simulated minutes per real minute (60 = a ten-hour day in ten minutes)', (v) => positive(v, 'speed'), 60)
  .option('--visits <n>', 'clients in the day', (v) => positive(v, 'visits'), 400)
  .option('--minutes <n>', 'simulated minutes to run (600 = 08:00–18:00)', (v) => positive(v, 'minutes'), 600)
  .option('--seed <n>', 'random seed, to replay the same day', (v) => positive(v, 'seed'), 2026)
  .action(async (opts: { url: string; centre: string; speed: number; visits: number; minutes: number; seed: number }) => {
    const { simulateDay } = await import('./simulate/run.ts');
    await withContext((ctx) => simulateDay(ctx, { ...opts, url: opts.url.replace(/\/$/, ''), log: (line) => console.log(line) }));
  });

program
  .command('backup')
  .description('write a backup (database, document scans, a manifest of row counts and the audit head) to one file; consistent while the server runs')
  .option('--to <file>', 'where to write it (default: BACKUP_DIR/balcao-backup-<time>.tar)')
  .action(async (opts: { to?: string }) => {
    const { backupFileName, createBackup, targetFor } = await import('./ops/backup.ts');
    const { join, resolve } = await import('node:path');
    const config = loadConfig();
    const file = opts.to ? resolve(opts.to) : join(config.backupDir, backupFileName(new Date()));
    const manifest = await createBackup(targetFor(config, sqlitePathFor(config)), file);
    const { checkpointKeyFrom, takeCheckpoint } = await import('./access/checkpoint.ts');
    const key = checkpointKeyFrom();
    if (key) await withContext((ctx) => takeCheckpoint(ctx.db, { key, dir: config.auditCheckpointDir, witnessUrl: config.auditWitnessUrl }));
    const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
    console.log(`Backup written to ${file}: ${rows} rows in ${Object.keys(manifest.rowCounts).length} tables, audit log at entry ${manifest.auditHead?.lastSeq ?? 0}, ${manifest.attachments.files} scan(s).`);
  });

program
  .command('restore')
  .description('restore a backup into an EMPTY database and attachments folder, then verify row counts and the audit chain')
  .argument('<file>')
  .action(async (file: string) => {
    const { BackupError, restoreBackup, targetFor } = await import('./ops/backup.ts');
    const { resolve } = await import('node:path');
    const config = loadConfig();
    try {
      const report = await restoreBackup(resolve(file), targetFor(config, sqlitePathFor(config)));
      for (const m of report.mismatches) console.error(`Table ${m.table}: ${m.restored} rows restored, the backup had ${m.expected}.`);
      if (!report.audit.ok) console.error(`Audit log does NOT verify after the restore: ${report.audit.reason}.`);
      if (report.mismatches.length || !report.audit.ok) {
        process.exitCode = 1;
        return;
      }
      console.log(`Restored the backup of ${report.manifest.createdAt}: every table's row count matches, audit log verified (${report.audit.entries} entries), ${report.manifest.attachments.files} scan(s).`);
    } catch (err) {
      if (!(err instanceof BackupError)) throw err;
      console.error(`Restore refused: ${err.message}`);
      process.exitCode = 2;
    }
  });

const auditCommand = program.command('audit').description('the casefile audit log');
auditCommand
  .command('verify')
  .description('re-compute the hash chain and hold it against the latest signed checkpoint; exits 0 when intact, 1 naming what is wrong')
  .action(async () => {
    const { checkpointKeyFrom, verifyAgainstCheckpoint } = await import('./access/checkpoint.ts');
    const config = loadConfig();
    const key = checkpointKeyFrom();
    const result = await withContext((ctx) => verifyAgainstCheckpoint(ctx.db, config.auditCheckpointDir, key));
    const against = result.checkpoint ? ` Checkpoint of ${result.checkpoint.at} (entry ${result.checkpoint.seq}) ${result.ok ? 'matches' : 'checked'}.` : key ? ' No signed checkpoint yet.' : ' No checkpoint key configured (AUDIT_CHECKPOINT_KEY): truncation and rewriting cannot be detected.';
    if (result.ok) {
      console.log(`Audit log intact: ${result.entries} entries verified.${against}`);
    } else {
      console.error(`Audit log BROKEN at ${result.reason}. ${result.entries} entries in the log.${against}`);
      process.exitCode = 1;
    }
  });
auditCommand
  .command('keygen')
  .description('make an Ed25519 key for signing audit checkpoints: the private key to --out (or standard output), the public key printed')
  .option('--out <file>', 'write the private key here (mode 600) for AUDIT_CHECKPOINT_KEY_FILE')
  .action(async (opts: { out?: string }) => {
    const { generateCheckpointKey } = await import('./access/checkpoint.ts');
    const { writeFileSync } = await import('node:fs');
    const { privateKeyPem, publicKeyPem } = generateCheckpointKey();
    if (opts.out) {
      writeFileSync(opts.out, privateKeyPem, { mode: 0o600, flag: 'wx' });
      console.log(`Private key written to ${opts.out}: set AUDIT_CHECKPOINT_KEY_FILE=${opts.out}. Keep it off the database server's backups. Public key (keep on record):\n${publicKeyPem}`);
    } else {
      process.stdout.write(privateKeyPem);
      console.error(`Public key (keep on record):\n${publicKeyPem}`);
    }
  });
auditCommand
  .command('checkpoint')
  .description('sign the audit chain head now and append it to AUDIT_CHECKPOINT_DIR (the server does this hourly)')
  .action(async () => {
    const { checkpointKeyFrom, takeCheckpoint } = await import('./access/checkpoint.ts');
    const config = loadConfig();
    const key = checkpointKeyFrom();
    if (!key) throw new InvalidArgumentError('set AUDIT_CHECKPOINT_KEY or AUDIT_CHECKPOINT_KEY_FILE (balcao audit keygen makes a key)');
    const c = await withContext((ctx) => takeCheckpoint(ctx.db, { key, dir: config.auditCheckpointDir, witnessUrl: config.auditWitnessUrl }));
    console.log(`Checkpoint signed: entry ${c.seq} at ${c.at}${c.witness ? `; witness ${c.witness}` : ''}.`);
  });

const appointmentsCommand = program.command('appointments').description('appointments: fair allocation');
appointmentsCommand
  .command('verify')
  .argument('<source>', "a published draw: its address (…/api/public/appointments/rounds/<id>/draw) or a saved JSON file")
  .description('recompute a lottery draw from its published seed and request ids; exits 0 when it checks out, 1 naming what does not')
  .action(async (source: string) => {
    const { checkPublishedDraw } = await import('../core/appointments/allocation.ts');
    const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : (await import('node:fs')).readFileSync(source, 'utf8');
    const result = checkPublishedDraw(JSON.parse(text));
    if (result.ok) {
      console.log(`Draw verified: ${result.requests} request(s), the first ${result.places} given a place, exactly as the seed orders them.`);
    } else {
      console.error(`Draw does NOT verify: ${result.reason}.`);
      process.exitCode = 1;
    }
  });

program
  .command('retention')
  .description('run the retention job now: erase casefile sections past their partner\'s retention period')
  .action(async () => {
    const { runRetention } = await import('./modules/casefile/erasure.ts');
    const result = await withContext((ctx) => runRetention(ctx));
    console.log(`Retention job: ${result.erasedCases} case(s) erased.`);
  });

program
  .command('demo-code')
  .description('print the current second-factor code of a demo account (demo accounts only)')
  .argument('<username>')
  .action(async (username: string) => {
    await withContext(async (ctx) => {
      const user = await findUserByUsername(ctx.db, username);
      if (!user || user.is_demo !== 1 || !user.totp_secret) throw new InvalidArgumentError(`"${username}" is not a demo account with a second factor`);
      console.log(currentTotp(user.totp_secret));
    });
  });

program
  .command('vapid-keys')
  .description('print a new key pair for Web Push notifications (set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY from it)')
  .action(async () => {
    const { generateVapidKeys } = await import('./modules/outbox/senders.ts');
    const keys = generateVapidKeys();
    console.log(`VAPID_PUBLIC_KEY=${keys.publicKey}\nVAPID_PRIVATE_KEY=${keys.privateKey}`);
  });

program
  .command('report')
  .description("the network's annual report as a PDF on standard output (counts under five people suppressed)")
  .requiredOption('--year <yyyy>', 'the year', (v) => positive(v, 'year'))
  .option('--lang <lang>', 'language of the report: pt-PT or en', 'pt-PT')
  .option('--centre <code>', 'one centre only')
  .action(async (opts: { year: number; lang: string; centre?: string }) => {
    if (opts.lang !== 'pt-PT' && opts.lang !== 'en') throw new InvalidArgumentError('--lang must be pt-PT or en');
    if (process.stdout.isTTY) throw new InvalidArgumentError('the report is a PDF: send it to a file, e.g. `balcao report --year 2025 > report.pdf`');
    const { annualReport } = await import('./modules/stats/report.ts');
    const { renderAnnualReport } = await import('./modules/stats/report-pdf.tsx');
    const pdf = await withContext(async (ctx) => {
      const centre = opts.centre ? await ctx.db.selectFrom('centre').select('id').where('code', '=', opts.centre).executeTakeFirst() : undefined;
      if (opts.centre && !centre) throw new InvalidArgumentError(`unknown centre "${opts.centre}"`);
      return renderAnnualReport(await annualReport(ctx, { year: opts.year, lang: opts.lang, centreId: centre?.id }));
    });
    process.stdout.write(pdf);
  });

const statsCommand = program.command('stats').description('statistics aggregates');
statsCommand
  .command('rebuild')
  .description('recompute every statistics cell from the raw ticket and visit rows (after changing a service target, or a restore)')
  .action(async () => {
    const { rebuildAll } = await import('./modules/stats/fold.ts');
    const result = await withContext((ctx) => rebuildAll(ctx));
    console.log(`Statistics rebuilt: ${result.centres} centre(s), ${result.tickets} ticket(s), ${result.visits} visit(s).`);
  });

program
  .command('history')
  .description('fill the database with a realistic past (visits, tickets, statistics) from the simulation model, for demos and benchmarks')
  .option('--years <n>', 'years of history, ending yesterday', (v) => positive(v, 'years'))
  .option('--days <n>', 'days of history, ending yesterday (instead of --years)', (v) => positive(v, 'days'))
  .option('--until <date>', 'last day of the history (YYYY-MM-DD; default yesterday)')
  .option('--centres <codes>', 'comma-separated centre codes (default: every active centre)')
  .option('--seed <n>', 'random seed: the same seed gives the same history', (v) => positive(v, 'seed'), 2004)
  .option('--scale <x>', 'multiply every centre\'s daily volume', (v) => positive(v, 'scale'), 1)
  .action(async (opts: { years?: number; days?: number; until?: string; centres?: string; seed: number; scale: number }) => {
    if (opts.until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.until)) throw new InvalidArgumentError('--until must be a date written YYYY-MM-DD');
    const days = opts.days ?? Math.round((opts.years ?? 1) * 365);
    const { generateHistory } = await import('./modules/stats/history.ts');
    const result = await withContext((ctx) =>
      generateHistory(ctx, { days, until: opts.until, centres: opts.centres?.split(',').map((c) => c.trim()).filter(Boolean), seed: opts.seed, scale: opts.scale }),
    );
    console.log(`history-generate visits=${result.visits} tickets=${result.tickets} days=${result.days} seconds=${result.seconds.toFixed(1)} visits/s=${Math.round(result.visits / Math.max(result.seconds, 0.001))}`);
  });

program
  .command('erlang')
  .description('Erlang C (or Erlang A with --patience) for one service hour; without --agents, the fewest agents meeting --service-level. Times in seconds')
  .requiredOption('--arrivals-per-hour <n>', 'arrivals in the hour', (v) => nonNegativeNumber(v, '--arrivals-per-hour'))
  .requiredOption('--aht <seconds>', 'mean handling time', (v) => positiveNumber(v, '--aht'))
  .option('--agents <n>', 'agents (counters) open; omit to find the fewest meeting --service-level', (v) => agentCount(v, '--agents'))
  .option('--target <seconds>', 'service-level time: answered within this many seconds', (v) => nonNegativeNumber(v, '--target'), 20)
  .option('--patience <seconds>', 'mean patience before leaving: Erlang A, and p_abandon', (v) => positiveNumber(v, '--patience'))
  .option('--service-level <fraction>', 'share to answer within --target, when searching for agents', (v) => fraction(v, '--service-level'), 0.8)
  .option('--json', 'print {"p_wait", "service_level", "asa_s", "occupancy", "agents"} (and "p_abandon" with --patience)')
  // Bad input is a usage error: exit 2, as shells expect, not the 1 of a failed run.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .action((opts: ErlangOptions & { json?: boolean }) => {
    const report = erlangReport(opts);
    console.log(opts.json ? JSON.stringify(report) : erlangLine(report, opts));
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof AppError) {
    const t = translator('en');
    const fields = Object.entries(err.fields).map(([f, c]) => `${f}: ${t(`fields.${c}`)}`);
    console.error(`balcao: ${t(`errors.${err.code}`, err.vars)}${fields.length ? ` (${fields.join('; ')})` : ''}`);
  } else {
    console.error(`balcao: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
});
