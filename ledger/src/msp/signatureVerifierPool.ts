/**
 * ECDSA verification on worker threads. A P-256 verification costs ~80 µs of CPU, more than everything else a
 * transaction needs on the embedded ledger, so it runs beside the main thread (which meanwhile simulates the
 * proposal) instead of in front of it. Requests made in the same event-loop turn travel in one message, so the
 * message cost is paid per batch, not per signature.
 */
import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import { extname, join } from 'node:path';
import type { KeyMessage, VerifiedMessage, VerifyMessage } from './verifierWorker';

/**
 * Starts `verifierWorker`. Compiled, it is a `.js` file beside this one. Run from the TypeScript sources (ts-jest,
 * the tests' child processes) it is a `.ts` file, which a worker thread cannot load as is: the bootstrap
 * transpiles it with the TypeScript compiler (a dev dependency, present wherever the sources run).
 */
function startWorker(): Worker {
  const ext = extname(__filename);
  const file = join(__dirname, `verifierWorker${ext}`);
  if (ext !== '.ts') return new Worker(file);
  const bootstrap = `
    const ts = require('typescript');
    const source = require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    const mod = { exports: {} };
    new Function('require', 'module', 'exports', outputText)(require, mod, mod.exports);
  `;
  return new Worker(bootstrap, { eval: true });
}

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
      const worker = startWorker();
      worker.unref();
      worker.on('message', (m: VerifiedMessage) => {
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
      const key: KeyMessage = { type: 'key', id: keyId, spki: this.keyDer.get(keyId)! };
      lane.worker.postMessage(key);
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
    const batch: VerifyMessage = { type: 'verify', ids, keys, buf, offs };
    lane.worker.postMessage(batch);
    lane.ids = [];
    lane.keys = [];
    lane.data = [];
    lane.sigs = [];
  }
}
