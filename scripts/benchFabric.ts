/**
 * `npm run bench:fabric [-- --seconds 15 --inflight 64 --tags 100 --batch-inflight 16]`: throughput of Trace on
 * the running Fabric test network (`./test-network.sh up && createChannel && deployCC`), through the project's
 * own FabricLedger (the gateway's path to Fabric: Gateway service, discovery, two-org endorsement, commit
 * status). Prints, measured in the same run:
 * - the network's ceiling: the contract's built-in `org.hyperledger.fabric:GetMetadata` submitted as a
 *   transaction (empty write set, endorsed and ordered like any other), tx/s and p50/p99;
 * - single-scan `RecordScans` transactions (one QR scan each, as the outbox sends a lone scan), tx/s, p50/p99;
 * - RFID portal batches (`RecordEvents`, one ObjectEvent of `--tags` EPCs each), scans/s and batches/s;
 * - the ordering settings in force (read from the channel's config block) and the transactions per block seen;
 * - a last line `ratio single-scan/no-op: 0.xx`.
 * Figures, not assertions: a benchmark is not a test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inspect, parseArgs } from 'node:util';
import { FabricLedger, loadConnectionProfile } from '../ledger/src/fabric';
import { decodeBlockchainHeight } from '../ledger/src/fabric/chainHeight';
import type { Proposal } from '../ledger/src';
import { gs1CheckDigit, Tx } from '../chaincode/src/api';

const ROOT = resolve(__dirname, '..', '..');
const NETWORK_DIR = process.env.TRACE_NETWORK_DIR ?? join(ROOT, '.work', 'fabric');
const USER = 'ProducersMSP/farmer';
const NOOP = 'org.hyperledger.fabric:GetMetadata';
/** Scans name this many lots, as a warehouse's stock would: no two writers contend for one key. */
const LOTS = 200;
const COMPANY_PREFIX = '9506000';

/** CPU seconds used so far by each kind of network process (from the pids test-network.sh records) and by this client. */
function cpuByComponent(): Map<string, number> {
  const ticks = 100; // USER_HZ: /proc/<pid>/stat counts in clock ticks of 1/100 s on Linux
  const totals = new Map<string, number>();
  const pidDir = join(NETWORK_DIR, 'pids');
  for (const file of existsSync(pidDir) ? readdirSync(pidDir).filter((f) => f.endsWith('.pid')) : []) {
    const kind = file.startsWith('orderer')
      ? 'orderers'
      : file.startsWith('peer')
        ? 'peers'
        : file.startsWith('chaincode')
          ? 'chaincode'
          : 'other';
    const pid = readFileSync(join(pidDir, file), 'utf8').trim();
    try {
      // Fields after the command name (which may hold spaces) start at state; utime and stime are fields 14 and 15.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      totals.set(kind, (totals.get(kind) ?? 0) + (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      // A node that is down uses no CPU.
    }
  }
  const own = process.cpuUsage();
  totals.set('client', (own.user + own.system) / 1e6);
  return totals;
}

interface Figures {
  readonly cpuMsPerTx: ReadonlyMap<string, number>;
  readonly count: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
  readonly blocks: bigint;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

/** A GTIN-14 no earlier run registered: a random item reference under the bench's company prefix. */
function freshGtin(): string {
  const body = `9${COMPANY_PREFIX}${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

function passage(gtin: string, lot: string, at: Date): Record<string, unknown> {
  return {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime: at.toISOString(),
    eventTimeZoneOffset: '+00:00',
    quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}/10/${lot}` }],
    bizStep: 'storing',
    disposition: 'in_progress',
    readPoint: { id: 'https://id.gs1.org/414/9521234000006' },
  };
}

function portalRead(gtin: string, batch: number, tags: number, at: Date): Record<string, unknown> {
  const itemRef = gtin.slice(1 + COMPANY_PREFIX.length, 13);
  const indicator = gtin[0]!;
  return {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime: at.toISOString(),
    eventTimeZoneOffset: '+00:00',
    epcList: Array.from(
      { length: tags },
      (_, t) => `urn:epc:id:sgtin:${COMPANY_PREFIX}.${indicator}${itemRef}.${batch * tags + t + 1}`,
    ),
    bizStep: 'receiving',
    disposition: 'in_progress',
    readPoint: { id: 'https://id.gs1.org/414/9521234000006' },
  };
}

/** The channel's height on a peer of the user's organisation: qscc's GetChainInfo, as the scenario harness reads it. */
async function chainHeight(qscc: FabricLedger, channel: string): Promise<bigint> {
  return decodeBlockchainHeight(await qscc.evaluate({ user: USER, fn: 'GetChainInfo', args: [channel] }));
}

/** Keep `inflight` submissions going for `seconds`; each proposal comes fresh from `next`. */
async function drive(
  ledger: FabricLedger,
  qscc: FabricLedger,
  seconds: number,
  inflight: number,
  next: (seq: number) => Proposal,
): Promise<Figures> {
  const height0 = await chainHeight(qscc, ledger.profile.channel);
  const cpu0 = cpuByComponent();
  const latencies: number[] = [];
  let failures = 0;
  let seq = 0;
  let firstFailure: unknown;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await ledger.submit(next(seq++));
          latencies.push(performance.now() - t0);
        } catch (err) {
          failures++;
          firstFailure ??= err;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu1 = cpuByComponent();
  const cpuMsPerTx = new Map(
    [...cpu1].map(([kind, secs]) => [
      kind,
      ((secs - (cpu0.get(kind) ?? 0)) * 1000) / Math.max(1, latencies.length),
    ]),
  );
  if (firstFailure !== undefined) {
    console.error(
      `  ${failures} failed; first: ${firstFailure instanceof Error ? firstFailure.message : inspect(firstFailure)}`,
    );
  }
  latencies.sort((a, b) => a - b);
  return {
    cpuMsPerTx,
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures,
    blocks: (await chainHeight(qscc, ledger.profile.channel)) - height0,
  };
}

function row(label: string, f: Figures, unit = 'tx/s', perTx = 1): string {
  const perBlock = f.blocks > 0n ? (f.count / Number(f.blocks)).toFixed(1) : '-';
  return [
    label.padEnd(34),
    `${(f.perSecond * perTx).toFixed(1).padStart(8)} ${unit}`,
    perTx > 1 ? `(${f.perSecond.toFixed(1)} tx/s)` : '',
    `p50 ${f.p50.toFixed(0)} ms`,
    `p99 ${f.p99.toFixed(0)} ms`,
    `${perBlock} tx/block`,
    f.failures > 0 ? `${f.failures} failed` : '',
    `CPU ms/tx: ${[...f.cpuMsPerTx].map(([kind, ms]) => `${kind} ${ms.toFixed(1)}`).join(', ')}`,
  ]
    .filter(Boolean)
    .join('  ');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '15' },
      inflight: { type: 'string', default: '64' },
      tags: { type: 'string', default: '100' },
      'batch-inflight': { type: 'string', default: '16' },
    },
  });
  const seconds = Number(values.seconds);
  const inflight = Number(values.inflight);
  const tags = Number(values.tags);
  const batchInflight = Number(values['batch-inflight']);
  const batching = execFileSync(join(ROOT, 'test-network.sh'), ['batching'], {
    env: { ...process.env, TRACE_NETWORK_DIR: NETWORK_DIR },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const profile = await loadConnectionProfile(join(NETWORK_DIR, 'connection.json'));
  const ledger = await FabricLedger.connect({ connectionProfile: profile });
  const qscc = await FabricLedger.connect({ connectionProfile: { ...profile, chaincode: 'qscc' } });
  try {
    const gtin = freshGtin();
    const run = Date.now().toString(36);
    await ledger.submit({
      user: USER,
      fn: Tx.RegisterProduct,
      args: [JSON.stringify({ gtin, name: 'Bench green coffee', family: 'coffee' })],
    });
    const lots = Array.from({ length: LOTS }, (_, i) => `B${run}-${i}`);
    for (let i = 0; i < lots.length; i += 50) {
      await Promise.all(
        lots.slice(i, i + 50).map((lot) =>
          ledger.submit({
            user: USER,
            fn: Tx.RegisterLot,
            args: [JSON.stringify({ gtin, lot, origin: { country: 'CO' } })],
          }),
        ),
      );
    }
    const t0 = Date.UTC(2026, 0, 1);
    const noop = (): Proposal => ({ user: USER, fn: NOOP, args: [] });
    const single = (seq: number): Proposal => ({
      user: USER,
      fn: Tx.RecordScans,
      args: [
        JSON.stringify({
          scans: [
            {
              idempotencyKey: `bench-${run}-s${seq}`,
              events: [passage(gtin, lots[seq % LOTS]!, new Date(t0 + seq))],
            },
          ],
        }),
      ],
    });
    const portal = (seq: number): Proposal => ({
      user: USER,
      fn: Tx.RecordEvents,
      args: [
        JSON.stringify({
          idempotencyKey: `bench-${run}-r${seq}`,
          events: [portalRead(gtin, seq, tags, new Date(t0 + seq))],
        }),
      ],
    });

    await drive(ledger, qscc, 3, inflight, noop); // warm-up: connections, JIT, the chaincode server's caches
    console.log(`Fabric network in ${NETWORK_DIR}: ${seconds} s per run`);
    console.log(`ordering in force: ${batching}`);
    const ceiling = await drive(ledger, qscc, seconds, inflight, noop);
    console.log(row(`no-op (GetMetadata), ${inflight} in flight`, ceiling));
    const scans = await drive(ledger, qscc, seconds, inflight, single);
    console.log(row(`single-scan RecordScans, ${inflight} in flight`, scans));
    const batches = await drive(ledger, qscc, seconds, batchInflight, portal);
    console.log(row(`RFID batches of ${tags}, ${batchInflight} in flight`, batches, 'scans/s', tags));
    console.log(`ratio single-scan/no-op: ${(scans.perSecond / ceiling.perSecond).toFixed(2)}`);
  } finally {
    await Promise.all([ledger.close(), qscc.close()]);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
