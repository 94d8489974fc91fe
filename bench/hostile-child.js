// Runs one hostile case in this process as bin/catchmap.js runs the CLI: through tsx's register(),
// not `node --import tsx`, under which the same gigabyte load took a fifth more CPU here.
import { register } from 'tsx/esm/api';

register();
const { child } = await import('./hostile.ts');
await child(process.argv[2], process.argv[3]);
