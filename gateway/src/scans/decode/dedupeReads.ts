/**
 * Readers report a tag many times a second while it sits in the field. A passage is one event, so repeated
 * reads of one EPC are collapsed per time window.
 */
import type { ScanRead } from './scanFrame';

/**
 * Keeps, for each EPC, the first read and then the first read at least `windowMs` after the last kept one;
 * the rest are dropped. The result is ordered by time (ties keep input order). The input is not modified.
 * @throws RangeError when `windowMs` is negative or not finite (a programming error, not bad input).
 */
export function dedupeReads(reads: readonly ScanRead[], windowMs: number): ScanRead[] {
  if (!Number.isFinite(windowMs) || windowMs < 0) {
    throw new RangeError('windowMs must be a finite number >= 0');
  }
  const byTime = [...reads].sort((a, b) => a.time - b.time);
  const lastKept = new Map<string, number>();
  const kept: ScanRead[] = [];
  for (const read of byTime) {
    const last = lastKept.get(read.epcHex);
    if (last !== undefined && read.time - last < windowMs) continue;
    lastKept.set(read.epcHex, read.time);
    kept.push(read);
  }
  return kept;
}
