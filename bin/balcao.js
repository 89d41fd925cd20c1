#!/usr/bin/env node
// Loads the TypeScript CLI in-process through tsx, so `npx balcao` needs no separate compile step.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
