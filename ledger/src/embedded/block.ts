/**
 * Blocks as stored on disk. A block is a header (number, previous header hash, data hash) and a data section
 * (the transactions, or the channel configuration for block 0). Each block is one frame in the block file:
 *
 *   u32 payloadLength | u32 crc32(payload) | u32 headerLength | header JSON | data JSON
 *
 * The header hash chains blocks; the data hash covers the exact data bytes, so `verify` needs no re-encoding.
 * As in Fabric, a transaction carries its creator, signature, read/write set, private-write hashes (never values),
 * chaincode event and validation code.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export type ValidationCode = 'VALID' | 'MVCC_READ_CONFLICT' | 'PHANTOM_READ_CONFLICT' | 'DUPLICATE_TXID';

/** A version on the wire: [blockNum, txNum], or null for "absent". */
export type WireVersion = readonly [number, number] | null;

/** One transaction in a block (JSON). Binary values are base64. */
export interface TxRecord {
  readonly txId: string;
  readonly channelId: string;
  readonly chaincodeName: string;
  readonly timestamp: readonly [number, number];
  readonly creator: { readonly mspid: string; readonly cert: string };
  readonly nonce: string;
  readonly fn: string;
  readonly args: readonly string[];
  readonly transientHash: string;
  readonly signature: string;
  readonly rwset: {
    readonly reads: readonly (readonly [string, WireVersion])[];
    readonly ranges: readonly {
      readonly start: string;
      readonly end: string;
      readonly exhausted: boolean;
      readonly reads: readonly (readonly [string, WireVersion])[];
    }[];
    /** [key, base64 value] or [key, null] for a delete. */
    readonly writes: readonly (readonly [string, string | null])[];
    /** [collection, hex SHA-256(key), version] */
    readonly privateReads: readonly (readonly [string, string, WireVersion])[];
    /** [collection, hex SHA-256(key), hex SHA-256(value) or null for a delete] */
    readonly privateWrites: readonly (readonly [string, string, string | null])[];
  };
  readonly result: string;
  readonly event: readonly [string, string] | null;
  readonly validationCode: ValidationCode;
}

/** Block 0's data: the channel and its organisations' CA certificates (the trust anchors `verify` uses). */
export interface ChannelConfig {
  readonly channelId: string;
  readonly orgs: readonly { readonly mspId: string; readonly caCert: string }[];
}

export interface BlockHeader {
  readonly number: number;
  readonly previousHash: string;
  readonly dataHash: string;
}

export type BlockData = { readonly txs: readonly TxRecord[] } | { readonly config: ChannelConfig };

export const FRAME_PREFIX = 12;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Build a block frame from its number, the previous header's hash and the data JSON. */
export function encodeBlock(
  number: number,
  previousHash: string,
  data: Buffer,
): { frame: Buffer; headerHash: string } {
  const headerBytes = Buffer.from(
    JSON.stringify({ number, previousHash, dataHash: sha256Hex(data) } satisfies BlockHeader),
    'utf8',
  );
  const payloadLength = 4 + headerBytes.length + data.length;
  const frame = Buffer.allocUnsafe(8 + payloadLength);
  frame.writeUInt32BE(payloadLength, 0);
  frame.writeUInt32BE(headerBytes.length, 8);
  headerBytes.copy(frame, FRAME_PREFIX);
  data.copy(frame, FRAME_PREFIX + headerBytes.length);
  frame.writeUInt32BE(crc32(frame.subarray(8)), 4);
  return { frame, headerHash: sha256Hex(headerBytes) };
}

/** A frame's parts, unparsed. */
export interface RawBlock {
  readonly headerBytes: Buffer;
  readonly dataBytes: Buffer;
  readonly crcOk: boolean;
}

/** Split a frame payload (everything after length and CRC) into header and data bytes. */
export function splitPayload(payload: Buffer, crc: number): RawBlock {
  const headerLength = payload.readUInt32BE(0);
  const end = Math.min(payload.length, 4 + headerLength);
  return {
    headerBytes: payload.subarray(4, end),
    dataBytes: payload.subarray(end),
    crcOk: crc32(payload) === crc,
  };
}

export function parseHeader(raw: RawBlock): BlockHeader {
  return JSON.parse(raw.headerBytes.toString('utf8')) as BlockHeader;
}

export function parseData(raw: RawBlock): BlockData {
  return JSON.parse(raw.dataBytes.toString('utf8')) as BlockData;
}
