/**
 * Offline audit of an embedded ledger's block file: recompute every header's hash chain and data hash, check
 * each frame's framing and checksum, and re-verify every transaction's creator certificate (against the org CAs
 * recorded in block 0) and signature. Reports the first block that fails. Reads only; never repairs.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { Membership } from '../msp';
import {
  parseData,
  parseHeader,
  sha256Hex,
  splitPayload,
  type BlockData,
  type BlockHeader,
  type RawBlock,
} from './block';
import { BLOCK_FILE, scanFrames } from './blockStore';
import { certHashOfPem, computeTxId, proposalBytes } from './signedProposal';

export type VerifyReport =
  | { readonly ok: true; readonly height: number; readonly transactions: number }
  | { readonly ok: false; readonly height: number; readonly tamperedBlock: number; readonly reason: string };

export interface VerifyOptions {
  /** Re-verify every transaction's signature (default true; ~0.1 ms per transaction). */
  readonly signatures?: boolean;
}

class Tampered extends Error {}

function fail(reason: string): never {
  throw new Tampered(reason);
}

function checkTransactions(data: BlockData, membership: Membership | undefined): number {
  if (!('txs' in data)) return 0;
  if (!membership) fail('transactions before any channel configuration');
  data.txs.forEach((tx, i) => {
    const idBytes = Buffer.from(tx.creator.cert, 'utf8');
    if (computeTxId(tx.nonce, idBytes) !== tx.txId)
      fail(`tx ${i} (${tx.txId}): transaction ID does not match nonce and creator`);
    const bytes = proposalBytes(
      {
        channelId: tx.channelId,
        chaincodeName: tx.chaincodeName,
        txId: tx.txId,
        seconds: tx.timestamp[0],
        nanos: tx.timestamp[1],
        mspId: tx.creator.mspid,
        nonce: tx.nonce,
        fn: tx.fn,
        args: tx.args,
        transientHash: tx.transientHash,
      },
      certHashOfPem(tx.creator.cert),
    );
    try {
      membership.checkSignature(
        { mspid: tx.creator.mspid, idBytes },
        bytes,
        Buffer.from(tx.signature, 'base64'),
      );
    } catch (err) {
      fail(`tx ${i} (${tx.txId}): ${(err as Error).message}`);
    }
  });
  return data.txs.length;
}

function checkBlock(
  n: number,
  raw: RawBlock,
  previousHash: string,
): { header: BlockHeader; data: BlockData } {
  let header: BlockHeader;
  let data: BlockData;
  try {
    header = parseHeader(raw);
  } catch {
    fail('header does not parse');
  }
  if (header.number !== n) fail(`header says block ${header.number}`);
  if (header.previousHash !== previousHash) fail('previous hash does not match the preceding header');
  if (header.dataHash !== sha256Hex(raw.dataBytes)) fail('data hash does not match the block data');
  if (!raw.crcOk) fail('frame checksum mismatch');
  try {
    data = parseData(raw);
  } catch {
    fail('data does not parse');
  }
  return { header, data };
}

/** Verify the chain under `dataDir` (the ledger should be closed, or at least idle). */
export function verifyChain(dataDir: string, options: VerifyOptions = {}): VerifyReport {
  const checkSignatures = options.signatures ?? true;
  const fd = openSync(join(dataDir, 'blocks', BLOCK_FILE), 'r');
  let n = 0;
  let transactions = 0;
  try {
    const { offsets, end, size } = scanFrames(fd);
    let previousHash = '';
    let membership: Membership | undefined;
    for (; n < offsets.length; n++) {
      const offset = offsets[n] ?? 0;
      const next = offsets[n + 1] ?? end;
      const buf = Buffer.allocUnsafe(next - offset);
      readSync(fd, buf, 0, buf.length, offset);
      const raw = splitPayload(buf.subarray(8), buf.readUInt32BE(4));
      const { data } = checkBlock(n, raw, previousHash);
      if ('config' in data)
        membership = new Membership(
          data.config.orgs.map((o) => ({ mspId: o.mspId, certPem: o.caCert, keyPem: '' })),
        );
      if (checkSignatures) transactions += checkTransactions(data, membership);
      else if ('txs' in data) transactions += data.txs.length;
      previousHash = sha256Hex(raw.headerBytes);
    }
    if (end < size) fail(`incomplete frame at byte ${end} (${size - end} bytes)`);
    return { ok: true, height: offsets.length, transactions };
  } catch (err) {
    if (err instanceof Tampered) return { ok: false, height: n, tamperedBlock: n, reason: err.message };
    throw err;
  } finally {
    closeSync(fd);
  }
}
