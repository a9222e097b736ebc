import { setLogLevel } from '../../common/util/logger';
import { UsageError, type CliCommand, type CliIo } from './command';
import { commands } from './commands/index';

/**
 * `kioskctl`: the technicians' and developers' command line (decode frames, run simulators, read a
 * card, check a NIR, list devices, export records). Every command prints JSON lines on stdout and
 * plain-words errors on stderr.
 */
export async function runKioskctl(
  argv: string[],
  io: CliIo,
  registry: readonly CliCommand[] = commands,
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out('Usage: kioskctl <command> [options]\n\nCommands:');
    const width = Math.max(...registry.map((c) => c.name.join(' ').length));
    for (const command of registry) io.out(`  ${command.name.join(' ').padEnd(width)}  ${command.summary}`);
    io.out('\nRun "kioskctl <command> --help" for the options of one command.');
    return 0;
  }
  const command = [...registry]
    .sort((a, b) => b.name.length - a.name.length)
    .find((c) => c.name.every((word, i) => argv[i] === word));
  if (!command) {
    io.err(`kioskctl: unknown command "${argv[0]}". Run "kioskctl --help" for the list.`);
    return 2;
  }
  const rest = argv.slice(command.name.length);
  if (rest.includes('--help')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kioskctl ${command.name.join(' ')}: ${error.message}\n${command.usage}`);
      return 2;
    }
    io.err(`kioskctl ${command.name.join(' ')}: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setLogLevel(process.env.KIOSK_LOG_LEVEL ?? 'warn');
  const io: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
  runKioskctl(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.err(String(error));
      process.exitCode = 1;
    },
  );
}
