/**
 * What a simulation read and wrote, in the shape the committer validates: Fabric's KVRWSet reduced to one
 * namespace. Versions are a key's height: the block and transaction that last wrote it.
 */

/** A key's version: block number and transaction index of its last valid write. */
export interface Version {
  readonly blockNum: number;
  readonly txNum: number;
}

/** A point read: the key and the version seen (null: the key did not exist). */
export interface KeyRead {
  readonly key: string;
  readonly version: Version | null;
}

/** A range read, re-executed at validation to detect phantoms (Fabric's RangeQueryInfo with raw reads). */
export interface RangeRead {
  readonly startKey: string;
  /** Exclusive end; '' means unbounded. */
  readonly endKey: string;
  /** True when the iterator ran to the end of the range; otherwise only keys up to the last one read count. */
  exhausted: boolean;
  readonly reads: KeyRead[];
}

/** A public write: a value, or null for a delete. */
export interface KeyWrite {
  readonly key: string;
  readonly value: Uint8Array | null;
}

/** A private write: the value never leaves the peer; the block carries only hashes. */
export interface PrivateWrite {
  readonly collection: string;
  readonly key: string;
  readonly value: Uint8Array | null;
}

/** A private read, validated against the hashed private state's version. */
export interface PrivateRead {
  readonly collection: string;
  readonly key: string;
  readonly version: Version | null;
}

export interface ReadWriteSet {
  readonly reads: readonly KeyRead[];
  readonly ranges: readonly RangeRead[];
  readonly writes: readonly KeyWrite[];
  readonly privateReads: readonly PrivateRead[];
  readonly privateWrites: readonly PrivateWrite[];
}

/** Order of keys as Fabric's LevelDB compares them: by UTF-8 bytes, i.e. by code point (not UTF-16 unit). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function sameVersion(a: Version | null, b: Version | null): boolean {
  if (a === null || b === null) return a === b;
  return a.blockNum === b.blockNum && a.txNum === b.txNum;
}
