/**
 * Where a program keeps its files, in the one order every program of the kiosk and the platform
 * follows: the explicit option (a command-line flag) first, then the environment variable, then
 * the program's default. An empty value counts as unset, so `VAR=` does not mean "the current folder".
 */
export function resolveDataDir(choice: {
  option?: string | undefined;
  /** The environment variable's name (KIOSK_DATA_DIR, PLATFORM_DATA_DIR…). */
  variable: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The default; only computed when needed (it may ask Electron or the OS). */
  fallback: () => string;
}): string {
  if (choice.option) return choice.option;
  const fromEnv = choice.env[choice.variable];
  if (fromEnv) return fromEnv;
  return choice.fallback();
}
