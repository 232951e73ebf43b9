/**
 * `npm run bench:epcis [-- --events 1000000 --docs 5 --samples 300]`: the EPCIS 2.0 interface on the embedded
 * ledger, through HTTP on the real gateway (createApp) in this process.
 *
 * 1. Seeds the EPCIS read model with `--events` synthetic events (EventsRecorded-shaped records, the payload the
 *    chaincode emits) written straight through the read model's own `applyRecords` in batches of 10,000 —
 *    the same code path and indexes as events arriving from the ledger, minus endorsement and ordering, which
 *    would take hours for a million events on one machine and say nothing about query speed.
 * 2. Captures `--docs` documents of 1,000 events each through POST /epcis/capture (rollback: one ledger
 *    transaction per document), timing until each job is finished (committed AND indexed): events/s.
 * 3. Times `--samples` requests of each kind of GET /epcis/events query against the full read model: p50/p99.
 * Figures, not assertions: a benchmark is not a test.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contracts } from '../chaincode/src';
import { checkDigitFor, type EventRecord } from '../chaincode/src/api';
import { createApp } from '../gateway/src/app';
import { loadConfig } from '../gateway/src/config';
import { EpcisEventStore } from '../gateway/src/epcis';
import { ApiKeys } from '../gateway/src/http/apiKeys';
import { Outbox } from '../gateway/src/outbox/outbox';
import { EmbeddedLedger } from '../ledger/src/embedded';
import { TraceClient } from '../gateway/src/client';
import { TraceCache } from '../gateway/src/lookup/traceCache';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    docs: { type: 'string', default: '5' },
    samples: { type: 'string', default: '300' },
  },
});
const EVENTS = Number(values.events);
const DOCS = Number(values.docs);
const SAMPLES = Number(values.samples);
const SEED_BATCH = 10_000;

const LOCATIONS = 1000;
const LOTS = 50_000;
const STEPS = [
  'receiving',
  'shipping',
  'storing',
  'inspecting',
  'picking',
  'packing',
  'loading',
  'unloading',
];
const DISPOSITIONS = ['in_progress', 'in_transit', 'active', 'conformant', 'sellable_accessible'];
const T0 = Date.UTC(2024, 0, 1);
const SPAN_MS = 2 * 365 * 86_400_000;

const gln = (i: number): string => {
  const body = `95212${String(i).padStart(7, '0')}`;
  return `https://id.gs1.org/414/${body}${checkDigitFor(body)}`;
};
const lot = (i: number): string => `https://id.gs1.org/01/09506000134352/10/L${i}`;
const item = (i: number): string => `https://id.gs1.org/01/09506000134376/21/S${i}`;
/** Deterministic spread, so every run seeds the same world. */
const mix = (i: number, m: number): number => (Math.imul(i ^ 0x9e3779b9, 2654435761) >>> 0) % m;

function syntheticRecord(i: number): EventRecord {
  const place = gln(mix(i, LOCATIONS) % LOCATIONS);
  // Spread evenly over two years, in roughly arrival order, as a live ledger's events are.
  const eventTime = new Date(T0 + Math.floor((i / EVENTS) * SPAN_MS)).toISOString();
  return {
    event: {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      eventTime,
      eventTimeZoneOffset: '+00:00',
      eventID: `ni:///sha-256;${createHash('sha256').update(String(i)).digest('hex')}?ver=CBV2.0`,
      recordTime: new Date(T0 + SPAN_MS + i).toISOString(),
      epcList: [item(i % (EVENTS / 2))],
      quantityList: [{ epcClass: lot(i % LOTS), quantity: 10, uom: 'KGM' }],
      bizStep: STEPS[i % STEPS.length]!,
      disposition: DISPOSITIONS[i % DISPOSITIONS.length]!,
      readPoint: { id: place },
      bizLocation: { id: place },
    },
    provenance: {
      mspId: 'LogisticsMSP',
      role: 'logistics',
      txId: `seed-${Math.floor(i / SEED_BATCH)}`,
      recordedAt: eventTime,
    },
    visibility: 'public',
  };
}

async function seed(dir: string): Promise<number> {
  const store = await EpcisEventStore.open(dir);
  const started = performance.now();
  for (let from = 0; from < EVENTS; from += SEED_BATCH) {
    const batch = Array.from({ length: Math.min(SEED_BATCH, EVENTS - from) }, (_, k) =>
      syntheticRecord(from + k),
    );
    await store.applyRecords(batch, 0n);
    if ((from / SEED_BATCH) % 10 === 0) process.stdout.write(`\r  seeded ${from + batch.length} events`);
  }
  await store.close();
  process.stdout.write('\n');
  return (performance.now() - started) / 1000;
}

function captureDocument(doc: number): unknown {
  const eventList = Array.from({ length: 1000 }, (_, k) => ({
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime: new Date(Date.UTC(2026, 5, 1, 0, 0, 0, doc * 1000 + k)).toISOString(),
    eventTimeZoneOffset: '+00:00',
    epcList: [`https://id.gs1.org/01/09506000134376/21/CAP${doc}-${k}`],
    quantityList: [{ epcClass: lot(k % 100), quantity: 1, uom: 'KGM' }],
    bizStep: k % 2 ? 'receiving' : 'shipping',
    disposition: 'in_progress',
    readPoint: { id: gln(k % LOCATIONS) },
    bizLocation: { id: gln(k % LOCATIONS) },
  }));
  return {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { eventList },
  };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trace-bench-epcis-'));
  const ledger = await EmbeddedLedger.open({ dataDir: dir, contracts });
  const client = new TraceClient(ledger);
  const outbox = await Outbox.open(path.join(dir, 'outbox'), ledger);
  const cache = new TraceCache(client, 'LogisticsMSP/retailer');
  await cache.follow(ledger);
  const headers = { authorization: 'Bearer bench', 'content-type': 'application/ld+json' };
  try {
    console.log(
      `Trace EPCIS benchmark: embedded ledger, node ${process.version}, ${EVENTS.toLocaleString('en')} events in the read model\n`,
    );
    const seconds = await seed(path.join(dir, 'epcis-read-model'));
    console.log(
      `seed read model (applyRecords, ${SEED_BATCH} per batch)   ${(EVENTS / seconds).toFixed(0)} events/s (${seconds.toFixed(1)} s)`,
    );

    const app = createApp({
      config: loadConfig({ TRACE_DATA_DIR: dir }),
      ledger,
      outbox,
      cache,
      apiKeys: ApiKeys.fromEntries([{ key: 'bench', user: 'LogisticsMSP/carrier' }]),
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const rates: number[] = [];
      for (let d = 0; d < DOCS; d++) {
        const body = JSON.stringify(captureDocument(d));
        const started = performance.now();
        const res = await fetch(`${base}/epcis/capture`, { method: 'POST', headers, body });
        if (res.status !== 202) throw new Error(`capture: ${res.status} ${await res.text()}`);
        const location = res.headers.get('location')!;
        for (;;) {
          const job = (await (await fetch(base + location, { headers })).json()) as {
            running: boolean;
            success: boolean;
            errors: unknown[];
          };
          if (!job.running) {
            if (!job.success) throw new Error(`capture failed: ${JSON.stringify(job.errors)}`);
            break;
          }
          await new Promise((r) => setTimeout(r, 5));
        }
        rates.push(1000 / ((performance.now() - started) / 1000));
      }
      rates.sort((a, b) => a - b);
      console.log(
        `capture 1,000-event document (rollback, 1 tx)     median ${percentile(rates, 50).toFixed(0)} events/s, min ${rates[0]!.toFixed(0)}, max ${rates[rates.length - 1]!.toFixed(0)} over ${DOCS} documents`,
      );

      const queries: [string, (i: number) => Record<string, string>][] = [
        ['MATCH_anyEPC (one item)', (i) => ({ MATCH_anyEPC: item((i * 104_729) % (EVENTS / 2)) })],
        ['MATCH_epcClass (one lot, ~20 events)', (i) => ({ MATCH_epcClass: lot((i * 7919) % LOTS) })],
        [
          'EQ_bizStep (1 in 8 events), first page of 100',
          () => ({ EQ_bizStep: 'receiving', perPage: '100' }),
        ],
        [
          'EQ_bizLocation + 30-day eventTime window',
          (i) => ({
            EQ_bizLocation: gln(i % LOCATIONS),
            GE_eventTime: '2024-06-01T00:00:00Z',
            LT_eventTime: '2024-07-01T00:00:00Z',
          }),
        ],
        [
          'EQ_bizStep + EQ_disposition + EQ_readPoint',
          (i) => ({ EQ_bizStep: 'shipping', EQ_disposition: 'in_transit', EQ_readPoint: gln(i % LOCATIONS) }),
        ],
        [
          'GE_eventTime/LT_eventTime (1 hour), perPage 100',
          (i) => ({
            GE_eventTime: new Date(T0 + i * 3_600_000).toISOString(),
            LT_eventTime: new Date(T0 + (i + 1) * 3_600_000).toISOString(),
            perPage: '100',
          }),
        ],
      ];
      const all: number[] = [];
      for (const [name, make] of queries) {
        const times: number[] = [];
        let returned = 0;
        for (let i = 0; i < SAMPLES; i++) {
          const started = performance.now();
          const res = await fetch(`${base}/epcis/events?${new URLSearchParams(make(i)).toString()}`, {
            headers,
          });
          const body = (await res.json()) as {
            epcisBody?: { queryResults: { resultsBody: { eventList: unknown[] } } };
          };
          times.push(performance.now() - started);
          if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(body)}`);
          returned += body.epcisBody!.queryResults.resultsBody.eventList.length;
        }
        times.sort((a, b) => a - b);
        all.push(...times);
        console.log(
          `query ${name.padEnd(46)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(times, 99).toFixed(1).padStart(6)} ms  (${(returned / SAMPLES).toFixed(1)} events/answer)`,
        );
      }
      all.sort((a, b) => a - b);
      console.log(
        `query all kinds (${all.length} requests)${' '.repeat(27)}p50 ${percentile(all, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(all, 99).toFixed(1).padStart(6)} ms`,
      );
    } finally {
      server.close();
    }
  } finally {
    cache.close();
    await outbox.close();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
