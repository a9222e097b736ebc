import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParsedResults<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** One `kioskctl` sub-command: its own file under commands/, registered in kioskctl.ts. */
export interface CliCommand {
  /** Words that select the command, e.g. ["decode"] or ["card", "read"]. */
  readonly name: readonly string[];
  /** One line for `kioskctl --help`. */
  readonly summary: string;
  /** Usage line(s) printed with `kioskctl <command> --help` and on usage errors. */
  readonly usage: string;
  /** Runs the command; resolves with the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** `parseArgs` whose complaints (an unknown option, a missing value) are usage errors. */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ParsedResults<T> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
