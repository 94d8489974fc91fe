// Runs one hostile case in this process as bin/catchmap.js runs the CLI: through tsx's register(),
// not `node --import tsx`, under which the same gigabyte load took a fifth more CPU here.
// `--make NAME DIR` writes the case's files instead.
import { register } from 'tsx/esm/api';

register();
const { child, makeFiles } = await import('./hostile.ts');
if (process.argv[2] === '--make') makeFiles(process.argv[3], process.argv[4]);
else await child(process.argv[2], process.argv[3]);
