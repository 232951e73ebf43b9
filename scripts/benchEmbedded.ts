/**
 * `npm run bench:embedded [-- --seconds 5 --data <dir>]`: durable transactions (and passage records) per second,
 * commit latency p50/p99 and CPU per transaction of the embedded ledger for 1, 10 and 100 concurrent writers, then
 * the latency of a 50-stage trace lookup. Each transaction is signed, its signature verified, simulated,
 * MVCC-validated and committed with one fsync per block. CPU µs/tx counts every thread of the process, so it
 * stays meaningful when other work shares the machine.
 */
import '../gateway/src/quietContractLogs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EmbeddedLedger } from '../ledger/src/embedded';
import type { Proposal } from '../ledger/src';
import { contracts, Tx } from '../chaincode/src';

const USER = 'LogisticsMSP/carrier';
const GTIN = '09506000134352';

/** One passage record: a lot observed at a stage, as a QR or RFID scan produces it. */
function passage(lot: string, i: number): Record<string, unknown> {
  return {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
    eventTimeZoneOffset: '+00:00',
    quantityList: [{ epcClass: `https://id.gs1.org/01/${GTIN}/10/${lot}` }],
    bizStep: 'shipping',
    disposition: 'in_transit',
    readPoint: { id: 'https://id.gs1.org/414/9521234000006' },
  };
}

/** A RecordEvents transaction of `records` passage records, under a fresh idempotency key. */
function proposal(writer: number, seq: number, records: number): Proposal {
  const lot = `W${writer}-${seq}`;
  const events = Array.from({ length: records }, (_, i) => passage(lot, i));
  return {
    user: USER,
    fn: Tx.RecordEvents,
    args: [JSON.stringify({ idempotencyKey: `bench-${writer}-${seq}`, events })],
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

interface RunResult {
  readonly tps: number;
  readonly p50: number;
  readonly p99: number;
  readonly perBlock: number;
  readonly cpuPerTx: number;
}

async function run(
  ledger: EmbeddedLedger,
  writers: number,
  records: number,
  seconds: number,
): Promise<RunResult> {
  const latencies: number[] = [];
  const startHeight = ledger.height;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let seq = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await ledger.submit(proposal(w, seq++, records));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  return {
    tps: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    perBlock: latencies.length / Math.max(1, ledger.height - startHeight),
    cpuPerTx: (cpu.user + cpu.system) / latencies.length,
  };
}

/** The chaincode's own Trace query of a lot with 50 passage records, each recorded in its own transaction. */
async function lookup(ledger: EmbeddedLedger): Promise<{ p50: number; p99: number }> {
  const lot = 'TRACE-50';
  await Promise.all(
    Array.from({ length: 50 }, (_, s) =>
      ledger.submit({
        user: USER,
        fn: Tx.RecordEvents,
        args: [JSON.stringify({ events: [passage(lot, s)] })],
      }),
    ),
  );
  const times: number[] = [];
  const id = `https://id.gs1.org/01/${GTIN}/10/${lot}`;
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    const out = await ledger.evaluate({ user: USER, fn: Tx.Trace, args: [id] });
    times.push(performance.now() - t0);
    if (
      i === 0 &&
      (JSON.parse(Buffer.from(out).toString('utf8')) as { journey: unknown[] }).journey.length !== 50
    )
      throw new Error('trace lookup did not return 50 stages');
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '5' }, data: { type: 'string' } },
  });
  const seconds = Number(values.seconds);
  const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'trace-bench-'));
  const ledger = await EmbeddedLedger.open({ dataDir, contracts });
  try {
    await run(ledger, 10, 1, 1); // warm-up: JIT, LevelDB caches, verifier thread
    console.log(`embedded ledger, ${seconds}s per run, data in ${dataDir}`);
    console.log('writers  records/tx  durable tx/s  records/s  p50 ms  p99 ms  tx/block  CPU µs/tx');
    for (const [writers, records] of [
      [1, 1],
      [10, 1],
      [100, 1],
      [100, 10],
      [10, 100],
    ] as const) {
      const r = await run(ledger, writers, records, seconds);
      const cols = [
        String(writers).padStart(7),
        String(records).padStart(10),
        r.tps.toFixed(0).padStart(12),
        (r.tps * records).toFixed(0).padStart(9),
        r.p50.toFixed(2).padStart(6),
        r.p99.toFixed(2).padStart(6),
        r.perBlock.toFixed(1).padStart(8),
        r.cpuPerTx.toFixed(0).padStart(9),
      ];
      console.log(cols.join('  '));
    }
    const l = await lookup(ledger);
    console.log(
      `50-stage trace lookup (evaluate, signed): p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms`,
    );
  } finally {
    await ledger.close();
    if (values.data === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
