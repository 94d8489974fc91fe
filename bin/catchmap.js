#!/usr/bin/env node
// Launcher only: lets Node run the TypeScript CLI without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/cli.ts');
process.exitCode = await main(process.argv.slice(2));
