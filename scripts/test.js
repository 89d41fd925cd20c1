#!/usr/bin/env node
// `npm test`: builds the web app (browser tests use the real build), then runs every test
// project. Database tests run on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set.
import { spawnSync } from 'node:child_process';

function step(cmd, args) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
step(npx, ['vite', 'build', '--logLevel', 'warn']);
if (!process.env.TEST_DATABASE_URL) {
  console.log('TEST_DATABASE_URL is not set: database tests run on SQLite only. `npm run test:pg` runs them on a throwaway PostgreSQL too.');
}
step(npx, ['vitest', 'run', ...process.argv.slice(2)]);
