import { systemClock, type Clock } from '../../common/util/clock';

/**
 * Slows password guessing: after `maxFailures` wrong passwords for one e-mail within `windowMs`,
 * that e-mail is refused for `windowMs` (right password or not). A success clears the count.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** True when this e-mail may try now. */
  allowed(email: string): boolean {
    return this.recent(email).length < this.maxFailures;
  }

  record(email: string, success: boolean): void {
    const key = email.trim().toLowerCase();
    if (success) {
      this.failures.delete(key);
      return;
    }
    this.failures.set(key, [...this.recent(key), this.clock.now()]);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(email: string): number[] {
    const key = email.trim().toLowerCase();
    const since = this.clock.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
