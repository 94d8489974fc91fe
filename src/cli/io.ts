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
