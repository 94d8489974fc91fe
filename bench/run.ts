/**
 * `npm run bench -- <name>`: runs one benchmark (or all with no name). Each benchmark prints its
 * figures as ratios against a baseline measured in the same process, and a final `RESULT` line.
 */
import { benches } from './index.ts';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(benches);
for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    console.error(`error: unknown benchmark '${name}'; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  console.log(`# bench ${name}`);
  await bench(process.argv.slice(2).filter((a) => a.startsWith('-')));
}
