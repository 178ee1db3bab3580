#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the installed command and `npm run cli` are the same code.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli.ts');
process.exit(await main(process.argv.slice(2)));
