#!/usr/bin/env -S node --max-semi-space-size=64
// Launcher only: lets Node run the TypeScript CLI without a build step. The young generation is
// four times Node's default: a file of millions of rows makes short-lived objects per row faster
// than 16 MB semi-spaces let them die, and copying them out was a sixth of a 3-million-cell
// export's time (V8 reads the flag at start-up only, hence the shebang).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/cli.ts');
process.exitCode = await main(process.argv.slice(2));
