/**
 * The signature verifier pool's worker thread: holds the public keys it was sent (by id, SPKI DER) and answers
 * each batch of `(data, signature)` pairs, packed into one buffer, with one byte per pair (1 = valid).
 * Started by `signatureVerifierPool.ts`; does nothing when loaded on the main thread.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

/** A public key for later batches. */
export interface KeyMessage {
  readonly type: 'key';
  readonly id: number;
  readonly spki: Uint8Array;
}

/** A batch: pair `i` is `buf[offs[2i], offs[2i+1])` (data) and `buf[offs[2i+1], offs[2i+2])` (signature). */
export interface VerifyMessage {
  readonly type: 'verify';
  readonly ids: Float64Array;
  readonly keys: Uint32Array;
  readonly buf: Uint8Array;
  readonly offs: Uint32Array;
}

/** The answer to a batch: `ok[i]` is 1 when pair `i` verified. */
export interface VerifiedMessage {
  readonly ids: Float64Array;
  readonly ok: Uint8Array;
}

function verifyBatch(keys: ReadonlyMap<number, KeyObject>, m: VerifyMessage): Uint8Array<ArrayBuffer> {
  const n = m.keys.length;
  const buf = Buffer.from(m.buf.buffer, m.buf.byteOffset, m.buf.byteLength);
  const ok = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const d = buf.subarray(m.offs[2 * i], m.offs[2 * i + 1]);
    const s = buf.subarray(m.offs[2 * i + 1], m.offs[2 * i + 2]);
    const key = keys.get(m.keys[i] ?? 0);
    try {
      ok[i] = key !== undefined && verify('sha256', d, key, s) ? 1 : 0;
    } catch {
      ok[i] = 0;
    }
  }
  return ok;
}

function serve(port: NonNullable<typeof parentPort>): void {
  const keys = new Map<number, KeyObject>();
  port.on('message', (m: KeyMessage | VerifyMessage) => {
    if (m.type === 'key') {
      keys.set(m.id, createPublicKey({ key: Buffer.from(m.spki), format: 'der', type: 'spki' }));
      return;
    }
    const ok = verifyBatch(keys, m);
    const answer: VerifiedMessage = { ids: m.ids, ok };
    port.postMessage(answer, [ok.buffer]);
  });
}

if (parentPort !== null) serve(parentPort);
