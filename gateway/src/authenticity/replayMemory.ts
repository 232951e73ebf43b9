/**
 * Taps this gateway already judged not genuine, remembered for a while: the same URL replayed again is answered
 * from memory, without another ledger transaction. The first replay still reaches the ledger, so the brand gets
 * its alert; a flood of one harvested URL does not become a flood of transactions and alerts.
 */
export class ReplayMemory {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly capacity = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  has(key: string): boolean {
    const expiry = this.until.get(key);
    if (expiry === undefined) return false;
    if (expiry > this.now()) return true;
    this.until.delete(key);
    return false;
  }

  remember(key: string): void {
    this.until.delete(key);
    // Oldest first: Map keeps insertion order, so the first key is the one that expires soonest.
    if (this.until.size >= this.capacity) this.until.delete(this.until.keys().next().value!);
    this.until.set(key, this.now() + this.ttlMs);
  }
}
