/**
 * ECDSA verification on worker threads. A P-256 verification costs ~80 µs of CPU, more than everything else a
 * transaction needs on the embedded ledger, so it runs beside the main thread (which meanwhile simulates the
 * proposal) instead of in front of it. Requests made in the same event-loop turn travel in one message, so the
 * message cost is paid per batch, not per signature.
 */
import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';

// Inline (eval) worker: runs the same whether the caller is compiled JS or ts-jest.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
parentPort.on('message', (m) => {
  if (m.type === 'key') { keys.set(m.id, createPublicKey({ key: Buffer.from(m.spki), format: 'der', type: 'spki' })); return; }
  const n = m.keys.length;
  const buf = Buffer.from(m.buf);
  const ok = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const d = buf.subarray(m.offs[2 * i], m.offs[2 * i + 1]);
    const s = buf.subarray(m.offs[2 * i + 1], m.offs[2 * i + 2]);
    try { ok[i] = verify('sha256', d, keys.get(m.keys[i]), s) ? 1 : 0; } catch { ok[i] = 0; }
  }
  parentPort.postMessage({ ids: m.ids, ok }, [ok.buffer]);
});
`;

interface Lane {
  readonly worker: Worker;
  readonly knownKeys: Set<number>;
  ids: number[];
  keys: number[];
  data: Uint8Array[];
  sigs: Uint8Array[];
}

const MAX_BATCH = 256;

export class SignatureVerifierPool {
  private readonly lanes: Lane[] = [];
  private readonly pending = new Map<number, (ok: boolean) => void>();
  private readonly keyIds = new WeakMap<KeyObject, number>();
  private readonly keyDer = new Map<number, Uint8Array>();
  private nextId = 1;
  private nextKey = 1;
  private turn = 0;
  private flushScheduled = false;

  constructor(size: number) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref();
      worker.on('message', (m: { ids: Float64Array; ok: Uint8Array }) => {
        m.ids.forEach((id, j) => {
          const done = this.pending.get(id);
          this.pending.delete(id);
          done?.(m.ok[j] === 1);
        });
      });
      this.lanes.push({ worker, knownKeys: new Set(), ids: [], keys: [], data: [], sigs: [] });
    }
  }

  /** Resolves true if `signature` (DER ECDSA over SHA-256) of `data` verifies under `publicKey`. */
  verify(publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
    const keyId = this.keyIdOf(publicKey);
    const lane = this.lanes[this.turn++ % this.lanes.length]!;
    if (!lane.knownKeys.has(keyId)) {
      lane.worker.postMessage({ type: 'key', id: keyId, spki: this.keyDer.get(keyId) });
      lane.knownKeys.add(keyId);
    }
    const id = this.nextId++;
    lane.ids.push(id);
    lane.keys.push(keyId);
    lane.data.push(data);
    lane.sigs.push(signature);
    if (lane.ids.length >= MAX_BATCH) this.flushLane(lane);
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        for (const l of this.lanes) this.flushLane(l);
      });
    }
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.worker.terminate()));
    for (const done of this.pending.values()) done(false);
    this.pending.clear();
  }

  private keyIdOf(publicKey: KeyObject): number {
    let id = this.keyIds.get(publicKey);
    if (id === undefined) {
      id = this.nextKey++;
      this.keyIds.set(publicKey, id);
      this.keyDer.set(id, publicKey.export({ format: 'der', type: 'spki' }));
    }
    return id;
  }

  /**
   * One message per batch, with data and signatures packed into one buffer: structured-cloning a hundred small
   * buffers costs more than verifying some of them.
   */
  private flushLane(lane: Lane): void {
    const n = lane.ids.length;
    if (n === 0) return;
    let total = 0;
    for (let i = 0; i < n; i++) total += lane.data[i]!.byteLength + lane.sigs[i]!.byteLength;
    const buf = new Uint8Array(total);
    const offs = new Uint32Array(2 * n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      offs[2 * i] = at;
      buf.set(lane.data[i]!, at);
      at += lane.data[i]!.byteLength;
      offs[2 * i + 1] = at;
      buf.set(lane.sigs[i]!, at);
      at += lane.sigs[i]!.byteLength;
    }
    offs[2 * n] = at;
    const ids = Float64Array.from(lane.ids);
    const keys = Uint32Array.from(lane.keys);
    lane.worker.postMessage({ type: 'verify', ids, keys, buf, offs });
    lane.ids = [];
    lane.keys = [];
    lane.data = [];
    lane.sigs = [];
  }
}
