/** Unauthenticated sockets allowed per client address unless the platform is told otherwise. */
export const DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS = 20;

/**
 * How many sockets of each client address have not joined the queue or signed in yet. An address
 * holds an entry only while it has such a socket, so the table never outgrows the open sockets.
 */
export class UnauthenticatedSockets {
  private readonly byAddress = new Map<string, number>();

  constructor(readonly maxPerAddress = DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS) {
    if (!Number.isInteger(maxPerAddress) || maxPerAddress < 1)
      throw new RangeError(`maxUnauthenticatedPerAddress must be a whole number ≥ 1, not ${maxPerAddress}`);
  }

  /** Counts a new socket of the address; false, counting nothing, when the address is at its cap. */
  admit(address: string): boolean {
    if (this.count(address) >= this.maxPerAddress) return false;
    this.add(address);
    return true;
  }

  /**
   * Counts a socket that became unauthenticated again (a doctor signed out on it) even at the cap:
   * it was admitted once, and its entry deadline closes it soon enough.
   */
  add(address: string): void {
    this.byAddress.set(address, this.count(address) + 1);
  }

  /** The socket authenticated or closed. */
  release(address: string): void {
    const left = this.count(address) - 1;
    if (left > 0) this.byAddress.set(address, left);
    else this.byAddress.delete(address);
  }

  count(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }

  /** Addresses with at least one unauthenticated socket (the table's size). */
  get addresses(): number {
    return this.byAddress.size;
  }
}
