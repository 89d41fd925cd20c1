#!/usr/bin/env node
// Starts a throwaway PostgreSQL (Debian's postgresql-15) in a temp folder for development and tests.
// Usage: node scripts/pg-throwaway.js [--port 54329]   → prints DATABASE_URL, stops on Ctrl-C.
// As a module: const pg = await startThrowawayPostgres(); …; await pg.stop();
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function pgBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install -y postgresql-15)');
  const version = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
  return join(base, version, 'bin');
}

const isRoot = process.getuid?.() === 0;

// initdb refuses to run as root, so as root every server command runs as the postgres user.
function run(cmd, args) {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const res = spawnSync(file, argv, { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr || res.stdout}`);
  return res.stdout;
}

export async function startThrowawayPostgres({ port = 54329 } = {}) {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'balcao-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, 'balcao\n');
  chmodSync(pwfile, 0o644);
  run(join(bin, 'initdb'), ['-D', data, '-U', 'balcao', '--pwfile', pwfile, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale', 'C.UTF-8']);
  // Speed over durability: this cluster is thrown away after the run.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  const url = `postgres://balcao:balcao@127.0.0.1:${port}/postgres`;
  return {
    url,
    dir,
    async stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 54329;
  const pg = await startThrowawayPostgres({ port });
  console.log(`PostgreSQL is running. Use:\n  export DATABASE_URL=${pg.url}\n  export TEST_DATABASE_URL=${pg.url}\nCtrl-C stops it and deletes its data.`);
  const stop = () => pg.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}

