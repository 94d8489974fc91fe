import { InputError, terminalSafe } from '../core/errors.ts';
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
    io.stderr(`error: unknown command '${terminalSafe(name)}'\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    // Every message may quote a file's or the user's text: one line each, control characters escaped.
    if (err instanceof InputError) {
      io.stderr(`error: ${terminalSafe(err.source)}: ${terminalSafe(err.reason)}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr(`error: ${terminalSafe(err.message)}\n${command.usage}\n`);
      return 2;
    }
    // The engine's stack runs out on pathological input the limits did not foresee: still one line, exit 2.
    if (err instanceof RangeError && /call stack|Invalid (?:string|array) length|Array buffer allocation/i.test(err.message)) {
      io.stderr(`error: the input is too large or too deeply nested to process (${terminalSafe(err.message)})\n`);
      return 2;
    }
    io.stderr(`error: ${terminalSafe(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}

/** Wrong or missing options. */
export class UsageError extends Error {}

/**
 * A parseArgs failure as a usage error that says what to do: Node calls `--radius -5` "ambiguous",
 * since a value starting with a dash could be an option.
 */
export function argsError(err: unknown): UsageError {
  const message = err instanceof Error ? err.message : String(err);
  const option = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message)?.[1];
  if (option) return new UsageError(`${option} needs a value; a value starting with '-' (a negative number) is written ${option}=-5, and is then checked against the option's range`);
  return new UsageError(message);
}
