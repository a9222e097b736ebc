/**
 * One logger namespace per file (`kiosk:<layer>:<module>`). Lines go to stderr (console.error) as
 * `time level namespace message`. Never pass patient data (names, NIR, birth dates, readings tied
 * to a person) into a log line: logs leave the kiosk with technicians' exports.
 */
export type Logger = {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
};

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

let threshold = 1;

/** Set once by each entry point (from KIOSK_LOG_LEVEL); tests set 'error' or 'silent'. */
export function setLogLevel(level: string | undefined): void {
  const index = LOG_LEVELS.indexOf((level ?? 'info') as LogLevel);
  threshold = index < 0 ? 1 : index;
}

export function createLogger(namespace: string): Logger {
  const write = (level: Exclude<LogLevel, 'silent'>) => (message: string) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    console.error(`${new Date().toISOString()} ${level.padEnd(5)} ${namespace} ${message}`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
