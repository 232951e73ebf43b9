/** Encoding an endorsed transaction for the block, and decoding a block's transactions for recovery and events. */
import { createHash } from 'node:crypto';
import type { TxRecord, ValidationCode, WireVersion } from './block';
import type { ReadWriteSet, Version } from './rwset';
import type { SignedProposal } from './signedProposal';
import type { TxEvent } from './simulationStub';
import type { TxUpdate } from './stateUpdates';

/** An endorsed transaction waiting for a block. */
export interface EndorsedTx {
  readonly proposal: SignedProposal;
  readonly rwset: ReadWriteSet;
  readonly result: Uint8Array;
  readonly event: TxEvent | undefined;
}

function wireVersion(v: Version | null): WireVersion {
  return v === null ? null : [v.blockNum, v.txNum];
}

function hexSha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const b64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** The block form of a transaction: private values are reduced to hashes of key and value, as in Fabric. */
export function toTxRecord(tx: EndorsedTx, validationCode: ValidationCode): TxRecord {
  const p = tx.proposal;
  const rw = tx.rwset;
  return {
    txId: p.txId,
    channelId: p.channelId,
    chaincodeName: p.chaincodeName,
    timestamp: [p.seconds, p.nanos],
    creator: { mspid: p.mspId, cert: Buffer.from(p.idBytes).toString('utf8') },
    nonce: p.nonce,
    fn: p.fn,
    args: p.args,
    transientHash: p.transientHash,
    signature: b64(p.signature),
    rwset: {
      reads: rw.reads.map((r) => [r.key, wireVersion(r.version)] as const),
      ranges: rw.ranges.map((q) => ({
        start: q.startKey,
        end: q.endKey,
        exhausted: q.exhausted,
        reads: q.reads.map((r) => [r.key, wireVersion(r.version)] as const),
      })),
      writes: rw.writes.map((w) => [w.key, w.value === null ? null : b64(w.value)] as const),
      privateReads: rw.privateReads.map(
        (r) => [r.collection, hexSha256(r.key), wireVersion(r.version)] as const,
      ),
      privateWrites: rw.privateWrites.map(
        (w) => [w.collection, hexSha256(w.key), w.value === null ? null : hexSha256(w.value)] as const,
      ),
    },
    result: b64(tx.result),
    event: tx.event ? [tx.event.name, b64(tx.event.payload)] : null,
    validationCode,
  };
}

/**
 * The state changes of a valid transaction read back from a block, with its private values from the pvt store
 * (those matching the hashes in the block).
 */
export function updateFromRecord(
  tx: TxRecord,
  txNum: number,
  privateWrites: TxUpdate['privateWrites'],
): TxUpdate {
  return {
    txNum,
    txId: tx.txId,
    seconds: tx.timestamp[0],
    nanos: tx.timestamp[1],
    writes: tx.rwset.writes.map(([key, value]) => ({
      key,
      value: value === null ? null : Buffer.from(value, 'base64'),
    })),
    // Only values whose hashes the block carries: the block, not the side store, says what was written.
    privateWrites: privateWrites.filter((w) => {
      const valueHash = w.value === null ? null : hexSha256(w.value);
      return tx.rwset.privateWrites.some(
        ([c, k, v]) => c === w.collection && k === hexSha256(w.key) && v === valueHash,
      );
    }),
  };
}
