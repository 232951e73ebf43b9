import { dedupeReads } from './dedupeReads';
import type { ScanRead } from './scanFrame';

const A = '3074257BF7194E4000001A85';
const B = '3174257BF4499602D2000000';
const read = (epcHex: string, time: number, rssi = -60): ScanRead => ({ epcHex, antenna: 1, rssi, time });

describe('read de-duplication', () => {
  it('counts repeated reads of one tag within the window once', () => {
    const reads = [read(A, 1000), read(A, 1200), read(A, 1999), read(B, 1100)];
    expect(dedupeReads(reads, 1000)).toEqual([read(A, 1000), read(B, 1100)]);
  });

  it('keeps a new read once the window after the last kept read has passed', () => {
    const reads = [read(A, 0), read(A, 400), read(A, 999), read(A, 1000), read(A, 1500), read(A, 2100)];
    expect(dedupeReads(reads, 1000).map((r) => r.time)).toEqual([0, 1000, 2100]);
  });

  it('orders by time whatever the upload order', () => {
    const reads = [read(B, 3000), read(A, 2000), read(A, 500)];
    expect(dedupeReads(reads, 1000).map((r) => [r.epcHex, r.time])).toEqual([
      [A, 500],
      [A, 2000],
      [B, 3000],
    ]);
  });

  it('keeps every read with a zero window and leaves the input untouched', () => {
    const reads = [read(A, 5), read(A, 1)];
    expect(dedupeReads(reads, 0)).toHaveLength(2);
    expect(reads.map((r) => r.time)).toEqual([5, 1]);
  });

  it('refuses a negative window', () => {
    expect(() => dedupeReads([], -1)).toThrow(RangeError);
  });
});
