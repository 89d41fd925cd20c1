#!/usr/bin/env node
// `npm run test:pg`: starts a throwaway PostgreSQL, runs `npm test` with TEST_DATABASE_URL set (so every
// database test runs on SQLite and on PostgreSQL), then stops and deletes it.
import { spawnSync } from 'node:child_process';
import { startThrowawayPostgres } from './pg-throwaway.js';

const pg = await startThrowawayPostgres({ port: Number(process.env.PG_TEST_PORT ?? 54330) });
let status = 1;
try {
  const res = spawnSync('npm', ['test', '--', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: pg.url },
  });
  status = res.status ?? 1;
} finally {
  await pg.stop();
}
process.exit(status);
