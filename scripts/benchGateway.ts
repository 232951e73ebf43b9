/**
 * `npm run bench:gateway [-- --seconds 10 --connections 64]`: starts the built gateway on the embedded ledger in
 * a child process, seeds a product with a 50-stage journey, and drives the HTTP API from this (second) process
 * with autocannon. Prints lookups/s (JSON and HTML) and ingested scans/s (QR single scans and RFID batches), each
 * with latency p50/p99. Figures, not assertions: a benchmark is not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '64' } },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const PORT = 3917;
const BASE = `http://127.0.0.1:${PORT}`;
const GTIN = '09506000134369';
const LOT = 'BENCH-50';
/** QR scans name this many different lots (a warehouse's stock): every pack of a lot carries the same link. */
const LOTS_IN_STOCK = 200;

async function startGateway(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, '../gateway/src/server.js')], {
    env: {
      ...process.env,
      TRACE_DATA_DIR: dir,
      PORT: String(PORT),
      TRACE_PUBLIC_RATE_LIMIT: '1000000000',
      TRACE_DEDUPE_WINDOW_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Trace gateway on')) resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`gateway exited with ${code}`));
    });
  });
  return child;
}

async function post(key: string, route: string, body: unknown): Promise<void> {
  const res = await fetch(BASE + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
}

async function seed(keys: Record<string, string>): Promise<void> {
  const roaster = keys['ProducersMSP/roaster']!;
  await post(roaster, '/products', { gtin: GTIN, name: 'Bench roast', family: 'coffee' });
  await post(roaster, '/lots', { gtin: GTIN, lot: LOT, origin: { country: 'CO' } });
  const events = Array.from({ length: 50 }, (_, i) => ({
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
    eventTimeZoneOffset: '+00:00',
    quantityList: [{ epcClass: `https://id.gs1.org/01/${GTIN}/10/${LOT}` }],
    bizStep: i % 2 ? 'receiving' : 'shipping',
    readPoint: { id: 'https://id.gs1.org/414/9521234000006' },
  }));
  await post(roaster, '/events', { events });
}

interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

async function drive(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

const line = (name: string, f: Figures, unit = 'req/s', factor = 1): string =>
  `${name.padEnd(36)} ${(f.rps * factor).toFixed(0).padStart(8)} ${unit.padEnd(9)} p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms  errors ${f.errors + f.non2xx}`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trace-bench-gw-'));
  const gateway = await startGateway(dir);
  try {
    const keys = JSON.parse(readFileSync(path.join(dir, 'api-keys.secret.json'), 'utf8')) as Record<
      string,
      string
    >;
    await seed(keys);
    const carrier = `Bearer ${keys['LogisticsMSP/carrier']!}`;
    console.log(
      `Trace gateway benchmark: ${SECONDS}s per run, ${CONNECTIONS} connections, embedded ledger, node ${process.version}\n`,
    );
    const lookupPath = `/01/${GTIN}/10/${LOT}`;
    console.log(
      line(
        'lookup JSON (50-stage product)',
        await drive({ url: BASE + lookupPath, headers: { accept: 'application/json' } }),
      ),
    );
    console.log(
      line(
        'lookup HTML page (50-stage product)',
        await drive({ url: BASE + lookupPath, headers: { accept: 'text/html' } }),
      ),
    );

    let n = 0;
    const qr = await drive({
      url: BASE,
      requests: [
        {
          method: 'POST',
          path: '/scans/qr',
          headers: { 'content-type': 'application/json', authorization: carrier },
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              digitalLink: `https://x.example/01/${GTIN}/10/Q${n % LOTS_IN_STOCK}`,
              bizStep: 'receiving',
              location: '9521234000020',
              eventTime: new Date(Date.UTC(2026, 5, 1, 0, 0, 0, n)).toISOString(),
              idempotencyKey: `bench-qr-${n++}`,
            }),
          }),
        },
      ],
    });
    console.log(line(`ingest QR scans (1 per request, ${LOTS_IN_STOCK} lots)`, qr, 'scans/s'));

    const READS = 100;
    let b = 0;
    const rfid = await drive({
      url: BASE,
      connections: Math.min(CONNECTIONS, 16),
      requests: [
        {
          method: 'POST',
          path: '/scans/rfid',
          headers: { 'content-type': 'application/json', authorization: carrier },
          setupRequest: (req) => {
            const batch = b++;
            const reads = Array.from({ length: READS }, (_, i) => ({
              epc: `3074257BF7194E40${(batch * READS + i).toString(16).toUpperCase().padStart(8, '0')}`,
              time: 1780000000000 + batch,
            }));
            return {
              ...req,
              body: JSON.stringify({
                readerId: 'portal-1',
                readPoint: '9521234000020',
                bizStep: 'arriving',
                batchId: `bench-${batch}`,
                reads,
              }),
            };
          },
        },
      ],
    });
    console.log(line(`ingest RFID batches (${READS} tags each)`, rfid, 'scans/s', READS));
    console.log(line('   …as batches', rfid, 'batch/s'));
  } finally {
    gateway.kill('SIGTERM');
    await new Promise((r) => gateway.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
