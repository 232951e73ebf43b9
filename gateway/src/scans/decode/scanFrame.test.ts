import protobuf from 'protobufjs/light';
import { decodeScanFrame, encodeScanFrame, type ReaderBatch } from './scanFrame';
import { SCAN_FRAME_DESCRIPTOR } from './scanFrameDescriptor';
import { ScanDecodeError } from './scanDecodeError';

const batch: ReaderBatch = {
  readerId: 'dock-door-3',
  readPoint: 'urn:epc:id:sgln:0614141.12345.400',
  batchId: 'b-2026-11-22T08:00:00Z-0001',
  reads: [
    { epcHex: '3074257BF7194E4000001A85', antenna: 1, rssi: -61, time: 1_795_500_000_000 },
    { epcHex: '3174257BF4499602D2000000', antenna: 2, rssi: -74, time: 1_795_500_000_125 },
  ],
};

function errorOf(fn: () => unknown): ScanDecodeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScanDecodeError) return error;
    throw error;
  }
  throw new Error('expected a ScanDecodeError');
}

/** Encodes with the raw schema, bypassing encodeScanFrame's plain-object mapping, to craft bad frames. */
function rawFrame(object: Record<string, unknown>): Uint8Array {
  const type = protobuf.Root.fromJSON(SCAN_FRAME_DESCRIPTOR).lookupType('trace.scan.v1.ReaderBatch');
  return type.encode(type.fromObject(object)).finish();
}

describe('scan frame', () => {
  it('round-trips a batch', () => {
    expect(decodeScanFrame(encodeScanFrame(batch))).toEqual(batch);
  });

  it('encodes a 96-bit read compactly', () => {
    const one = { ...batch, reads: [batch.reads[0]!] };
    // 12-byte EPC + antenna + zigzag RSSI + 6-byte varint time, plus tags and the three strings.
    expect(encodeScanFrame(one).length).toBeLessThan(110);
  });

  it('decodes a hand-assembled wire frame', () => {
    // Field 1 "r1", field 2 GLN, field 3 { epc 12 bytes, antenna 1, rssi -1 (zigzag 1), time 1 }, field 4 "b".
    const gln = Buffer.from('0614141123452');
    const read = Buffer.concat([
      Buffer.from([0x0a, 12]),
      Buffer.alloc(12, 0x30),
      Buffer.from([0x10, 1, 0x18, 1, 0x20, 1]),
    ]);
    const frame = Buffer.concat([
      Buffer.from([0x0a, 2]),
      Buffer.from('r1'),
      Buffer.from([0x12, gln.length]),
      gln,
      Buffer.from([0x1a, read.length]),
      read,
      Buffer.from([0x22, 1]),
      Buffer.from('b'),
    ]);
    expect(decodeScanFrame(frame)).toEqual({
      readerId: 'r1',
      readPoint: '0614141123452',
      batchId: 'b',
      reads: [{ epcHex: '30'.repeat(12), antenna: 1, rssi: -1, time: 1 }],
    });
  });

  it.each([
    ['an empty frame', new Uint8Array(0), 'frame'],
    ['truncated bytes', encodeScanFrame(batch).subarray(0, 40), 'frame'],
    ['an invalid wire type', Uint8Array.from([0x0f, 0x01]), 'frame'],
    [
      'a missing reader_id',
      rawFrame({ readPoint: '0614141123452', batchId: 'b', reads: [{ epc: Buffer.alloc(12), time: 1 }] }),
      'readerId',
    ],
    [
      'a missing batch_id',
      rawFrame({ readerId: 'r', readPoint: '0614141123452', reads: [{ epc: Buffer.alloc(12), time: 1 }] }),
      'batchId',
    ],
    [
      'a GLN with a wrong check digit',
      rawFrame({
        readerId: 'r',
        batchId: 'b',
        readPoint: '0614141123453',
        reads: [{ epc: Buffer.alloc(12), time: 1 }],
      }),
      'readPoint',
    ],
    [
      'an SGLN with 13 digits',
      rawFrame({
        readerId: 'r',
        batchId: 'b',
        readPoint: 'urn:epc:id:sgln:0614141.123456.0',
        reads: [{ epc: Buffer.alloc(12), time: 1 }],
      }),
      'readPoint',
    ],
    ['no reads', rawFrame({ readerId: 'r', batchId: 'b', readPoint: '0614141123452' }), 'reads'],
    [
      'an empty EPC',
      rawFrame({ readerId: 'r', batchId: 'b', readPoint: '0614141123452', reads: [{ time: 1 }] }),
      'reads[0].epc',
    ],
    [
      'an EPC of 11 bytes',
      rawFrame({
        readerId: 'r',
        batchId: 'b',
        readPoint: '0614141123452',
        reads: [{ epc: Buffer.alloc(11), time: 1 }],
      }),
      'reads[0].epc',
    ],
    [
      'a zero time',
      rawFrame({
        readerId: 'r',
        batchId: 'b',
        readPoint: '0614141123452',
        reads: [{ epc: Buffer.alloc(12) }],
      }),
      'reads[0].time',
    ],
    [
      'a time beyond 2^53',
      rawFrame({
        readerId: 'r',
        batchId: 'b',
        readPoint: '0614141123452',
        reads: [{ epc: Buffer.alloc(12), time: '18446744073709551615' }],
      }),
      'reads[0].time',
    ],
    [
      'an RSSI of +40 dBm',
      rawFrame({
        readerId: 'r',
        batchId: 'b',
        readPoint: '0614141123452',
        reads: [{ epc: Buffer.alloc(12), rssi: 40, time: 1 }],
      }),
      'reads[0].rssi',
    ],
    [
      'antenna 70000',
      rawFrame({
        readerId: 'r',
        batchId: 'b',
        readPoint: '0614141123452',
        reads: [{ epc: Buffer.alloc(12), antenna: 70000, time: 1 }],
      }),
      'reads[0].antenna',
    ],
  ])('rejects %s as FRAME_MALFORMED', (_label, frame, field) => {
    const error = errorOf(() => decodeScanFrame(frame));
    expect([error.code, error.field]).toEqual(['FRAME_MALFORMED', field]);
  });

  it('enforces the size and read-count limits', () => {
    const frame = encodeScanFrame(batch);
    expect(errorOf(() => decodeScanFrame(frame, { maxBytes: frame.length - 1 })).field).toBe('frame');
    expect(errorOf(() => decodeScanFrame(frame, { maxReads: 1 })).field).toBe('reads');
    expect(decodeScanFrame(frame, { maxBytes: frame.length, maxReads: 2 }).reads).toHaveLength(2);
  });
});
