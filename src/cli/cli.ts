import { InputError } from '../core/errors.ts';
import { type CliIo, type Command, processIo } from './io.ts';
import { commands } from './commands/index.ts';

function help(): string {
  const lines = ['Usage: catchmap <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Run `catchmap <command> --help` for its options.');
  return lines.join('\n') + '\n';
}

/** Parses the command name, runs it, and turns failures into exit codes and one-line errors. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout(help());
    return name ? 0 : 2;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`error: unknown command '${name}'\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`error: ${err.source}: ${err.reason}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr(`error: ${err.message}\n${command.usage}\n`);
      return 2;
    }
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** Wrong or missing options. */
export class UsageError extends Error {}
