import { createLogger } from '../common/util/logger';

const log = createLogger('shutdown');

/**
 * For the Node servers' entry points (a service manager or a terminal stops them with SIGTERM or
 * Ctrl-C): on the first signal, runs `stop` — close servers, flush stores, stop children — then
 * exits 0, or 1 if stopping failed (logged). A second signal while stopping exits at once: a stuck close must not
 * make the process unkillable without SIGKILL.
 */
export function stopOnSignals(stop: () => Promise<void> | void): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again while stopping: exiting now`);
      process.exit(1);
    }
    stopping = true;
    Promise.resolve()
      .then(stop)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
