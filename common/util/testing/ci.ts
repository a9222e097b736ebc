/**
 * True when the tests run in CI (`CI` set, and not "false" or "0"): there a missing real stack
 * fails its tests and a stray `.only` fails the run, so a green CI means every test ran.
 */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
