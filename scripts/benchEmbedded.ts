/**
 * `npm run bench:embedded [-- --seconds 5 --data <dir>]`: durable transactions (and passage records) per second,
 * commit latency p50/p99 and CPU per transaction of the embedded ledger for 1, 10 and 100 concurrent writers, then
 * the latency of a 50-stage trace lookup. Each transaction is signed, its signature verified, simulated,
 * MVCC-validated and committed with one fsync per block. CPU µs/tx counts every thread of the process, so it
 * stays meaningful when other work shares the machine.
 */
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'WARNING';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EmbeddedLedger } from '../gateway/src/ledger/embedded';
import type { Proposal } from '../gateway/src/ledger/ledger';
// The fixture contract stands in until Trace's chaincode exports `recordEvent`.
import { contracts } from '../test/fixtures/contracts/fixtureContract';

const USER = 'ProducersMSP/farmer';
const PAYLOAD = JSON.stringify({
  bizStep: 'urn:epcglobal:cbv:bizstep:shipping',
  readPoint: 'urn:epc:id:sgln:0614141.00777.0',
  disposition: 'in_transit',
});

function proposal(writer: number, seq: number, records: number): Proposal {
  const epc = (i: number): string => `urn:epc:id:sgtin:0614141.812345.${writer}-${seq}-${i}`;
  if (records === 1) return { user: USER, fn: 'recordPassage', args: [epc(0), '1', PAYLOAD] };
  const batch = Array.from({ length: records }, (_, i) => ({ epc: epc(i), stage: '1', payload: PAYLOAD }));
  return { user: USER, fn: 'recordPassages', args: [JSON.stringify(batch)] };
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

async function lookup(ledger: EmbeddedLedger): Promise<{ p50: number; p99: number }> {
  const epc = 'urn:epc:id:sgtin:0614141.812345.trace-50';
  await Promise.all(
    Array.from({ length: 50 }, (_, s) =>
      ledger.submit({ user: USER, fn: 'recordPassage', args: [epc, String(s + 1), PAYLOAD] }),
    ),
  );
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    const out = await ledger.evaluate({ user: USER, fn: 'trace', args: [epc] });
    times.push(performance.now() - t0);
    if (i === 0 && (JSON.parse(Buffer.from(out).toString('utf8')) as unknown[]).length !== 50)
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
