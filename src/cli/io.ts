import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/** The CLI's streams, injectable so tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code: 0 ok, 1 failure, 2 unusable input or usage. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Bytes gathered before each write: few system calls, little memory. */
const WRITE_BUFFER = 1 << 20;
/**
 * Characters of pieces joined at once into the write buffer: few enough that the pieces die
 * young. Held until a megabyte was gathered, millions of lines each lived long enough to be
 * promoted to the old generation, whose collections then ran over the whole evaluation again.
 */
const JOIN_CHARS = 1 << 15;

/**
 * Writes text made piece by piece (an export's lines) to `path` as the pieces come, so memory holds
 * about one buffer of it, never the whole file. The text goes to `path.partial` first and takes
 * its name only when complete: a failure never leaves a cut-short file under the real name.
 */
export function writeChunks(path: string, chunks: Iterable<string>): void {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  try {
    const buffer = Buffer.allocUnsafe(WRITE_BUFFER);
    let used = 0;
    const flush = () => {
      for (let done = 0; done < used; ) done += writeSync(fd, buffer, done, used - done);
      used = 0;
    };
    const put = (text: string) => {
      // A UTF-16 unit is at most 3 bytes of UTF-8.
      if (used + 3 * text.length > WRITE_BUFFER) flush();
      if (3 * text.length > WRITE_BUFFER) writeSync(fd, text);
      else used += buffer.write(text, used, 'utf8');
    };
    let pending: string[] = [];
    let size = 0;
    for (const chunk of chunks) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= JOIN_CHARS) {
        put(pending.join(''));
        pending = [];
        size = 0;
      }
    }
    put(pending.join(''));
    flush();
  } catch (err) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(partial, path);
}
