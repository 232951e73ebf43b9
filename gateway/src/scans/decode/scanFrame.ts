/**
 * The compact protobuf frame RFID readers upload (gateway/proto/scan.proto, `trace.scan.v1.ReaderBatch`).
 * The schema is a static JSON descriptor (scanFrameDescriptor.ts) loaded into protobufjs's light build, so
 * nothing is parsed at run time. Proto3 has no required fields; decodeScanFrame enforces them.
 */
import protobuf from 'protobufjs/light';
import { hasValidCheckDigit } from '../../../../chaincode/src/api';
import { READER_BATCH_TYPE, SCAN_FRAME_DESCRIPTOR } from './scanFrameDescriptor';
import { ScanDecodeError } from './scanDecodeError';

/** One tag read. */
export interface ScanRead {
  /** EPC bank contents, upper-case hex (24 characters for the 96-bit schemes). */
  readonly epcHex: string;
  /** Antenna port, 0–65535 (0 = unknown). */
  readonly antenna: number;
  /** Peak RSSI in dBm, −128…20. */
  readonly rssi: number;
  /** Unix time in milliseconds. */
  readonly time: number;
}

/** One reader upload. */
export interface ReaderBatch {
  readonly readerId: string;
  /** 13-digit GLN or `urn:epc:id:sgln:…` URN. */
  readonly readPoint: string;
  readonly batchId: string;
  readonly reads: readonly ScanRead[];
}

/** Limits for {@link decodeScanFrame}. */
export interface ScanFrameLimits {
  /** Largest accepted frame in bytes. Default 1 MiB. */
  readonly maxBytes?: number;
  /** Most reads in one frame. Default 10 000. */
  readonly maxReads?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_READS = 10_000;
/** The EPC bank holds at most 496 EPC bits (TDS §15.1: 31 words after PC), i.e. 62 bytes. */
const MAX_EPC_BYTES = 62;
const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
/** TDS §6.3.3 SGLN URN: company prefix and location reference (12 digits together), extension. */
const SGLN_URN = /^urn:epc:id:sgln:(\d{6,12})\.(\d{0,6})\.([!'()*+,\-.0-9:;=A-Z_a-z]|%[0-9A-Fa-f]{2}){1,20}$/;

const readerBatchType = protobuf.Root.fromJSON(SCAN_FRAME_DESCRIPTOR).lookupType(READER_BATCH_TYPE);

function malformed(field: string, message: string, cause?: unknown): ScanDecodeError {
  return new ScanDecodeError('FRAME_MALFORMED', field, message, cause === undefined ? undefined : { cause });
}

function isReadPoint(value: string): boolean {
  if (/^\d{13}$/.test(value)) return hasValidCheckDigit(value);
  const match = SGLN_URN.exec(value);
  if (match === null) return false;
  const gln12 = match[1]! + match[2]!;
  return gln12.length === 12;
}

/** What protobufjs's toObject gives for a Read with `longs: String`, `bytes: Buffer`-like arrays. */
interface RawRead {
  epc: Uint8Array;
  antenna: number;
  rssi: number;
  time: string;
}

function checkRead(raw: RawRead, index: number): ScanRead {
  const field = `reads[${index}]`;
  if (raw.epc.length < 2 || raw.epc.length > MAX_EPC_BYTES || raw.epc.length % 2 !== 0) {
    throw malformed(`${field}.epc`, `epc must be 2-${MAX_EPC_BYTES} bytes in whole 16-bit words`);
  }
  if (raw.antenna > 0xffff) throw malformed(`${field}.antenna`, 'antenna must be 0-65535');
  if (raw.rssi < -128 || raw.rssi > 20) throw malformed(`${field}.rssi`, 'rssi must be -128..20 dBm');
  const time = Number(raw.time);
  if (!Number.isSafeInteger(time) || time <= 0) {
    throw malformed(`${field}.time`, 'time must be a positive Unix time in milliseconds');
  }
  return {
    epcHex: Buffer.from(raw.epc).toString('hex').toUpperCase(),
    antenna: raw.antenna,
    rssi: raw.rssi,
    time,
  };
}

/**
 * Decodes and validates a ReaderBatch frame into a plain object.
 * @throws {@link ScanDecodeError} `FRAME_MALFORMED` (with the offending field) for anything else.
 */
export function decodeScanFrame(frame: Uint8Array, limits: ScanFrameLimits = {}): ReaderBatch {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxReads = limits.maxReads ?? DEFAULT_MAX_READS;
  if (!(frame instanceof Uint8Array) || frame.length === 0 || frame.length > maxBytes) {
    throw malformed('frame', `frame must be 1-${maxBytes} bytes`);
  }
  let raw: { readerId: string; readPoint: string; batchId: string; reads: RawRead[] };
  try {
    const message = readerBatchType.decode(frame);
    raw = readerBatchType.toObject(message, { longs: String, defaults: true, arrays: true }) as typeof raw;
  } catch (cause) {
    throw malformed('frame', 'not a ReaderBatch protobuf message', cause);
  }
  if (!ID_PATTERN.test(raw.readerId)) {
    throw malformed('readerId', 'reader_id must be 1-64 of A-Z a-z 0-9 . _ : -');
  }
  if (!ID_PATTERN.test(raw.batchId)) {
    throw malformed('batchId', 'batch_id must be 1-64 of A-Z a-z 0-9 . _ : -');
  }
  if (!isReadPoint(raw.readPoint)) throw malformed('readPoint', 'read_point must be a GLN or an SGLN URN');
  if (raw.reads.length === 0 || raw.reads.length > maxReads) {
    throw malformed('reads', `a frame carries 1-${maxReads} reads`);
  }
  return {
    readerId: raw.readerId,
    readPoint: raw.readPoint,
    batchId: raw.batchId,
    reads: raw.reads.map(checkRead),
  };
}

/** Encodes a ReaderBatch as given, without validation (for readers' simulators, tests and benchmarks). */
export function encodeScanFrame(batch: ReaderBatch): Buffer {
  const message = readerBatchType.fromObject({
    readerId: batch.readerId,
    readPoint: batch.readPoint,
    batchId: batch.batchId,
    reads: batch.reads.map((read) => ({
      epc: Buffer.from(read.epcHex, 'hex'),
      antenna: read.antenna,
      rssi: read.rssi,
      time: read.time,
    })),
  });
  return Buffer.from(readerBatchType.encode(message).finish());
}
