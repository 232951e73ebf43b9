/**
 * Faults on the real network under a steady QR scan load through real gateway processes on Fabric: a peer, one
 * and two BFT orderers, the chaincode server and the gateway itself killed (SIGKILL) and restarted. After each,
 * the load's acknowledgement log is reconciled against the ledger: every scan answered 200/201/202 recorded exactly
 * once, none refused. Last, two gateways share one network and their public read models agree.
 *
 * Needs the default v3.1.5 network (4 SmartBFT orderers) up with the chaincode deployed, and `npm run build`
 * (the gateway runs from dist/). Runs with TRACE_FABRIC=1, --runInBand (it kills shared nodes).
 */
import { rmSync } from 'node:fs';
import { FabricLedger } from '../../../ledger/src/fabric';
import { connectionProfilePath, freshGtin } from '../network';
import { startGatewayProcess, type GatewayProcess } from './gatewayProcess';
import {
  bftLeader,
  network,
  ordererNames,
  peerHeight,
  peerHeights,
  peerNames,
  waitUntil,
} from './networkControl';
import { missing, reconcile } from './reconcile';
import { ScanLoad, scanBody, type LotRef } from './scanLoad';

const SCANNER = 'LogisticsMSP/carrier';
const REGISTRAR = 'ProducersMSP/farmer';
const READER = 'LogisticsMSP/retailer';
/** Offered load: steady, below the network's ceiling on a shared 2-core machine, so a fault is what slows it. */
const RATE = 8;
const GATEWAY_ENV = { TRACE_SYNC_WAIT_MS: '2000' };
const run = Date.now().toString(36);
const figures: string[] = [];

let ledger: FabricLedger;
let gateway: GatewayProcess;

beforeAll(async () => {
  // The faults are sized for the default profile: 3f+1 = 4 SmartBFT orderers (one may fail, two may not).
  const orderers = ordererNames();
  if (orderers.length !== 4)
    throw new Error(
      `the fault suite needs the default BFT network (4 orderers); this one has ${orderers.length}`,
    );
  ledger = await FabricLedger.connect({ connectionProfile: connectionProfilePath() });
  gateway = await startGatewayProcess({ name: 'a', env: GATEWAY_ENV });
}, 90_000);

afterAll(async () => {
  await gateway?.kill();
  if (gateway) rmSync(gateway.dataDir, { recursive: true, force: true });
  await ledger?.close();
  console.log(`fault suite figures (offered ${RATE} scans/s):\n  ${figures.join('\n  ')}`);
});

/** Bring back whatever a failed test left down, so the next test (and suite) starts on a whole network. */
afterEach(async () => {
  const status = await network('status');
  for (const name of [...peerNames(), ...ordererNames(), 'chaincode']) {
    if (new RegExp(`^${name.replace('.', '\\.')}\\s+down`, 'm').test(status)) await network('start', name);
  }
  if (!gateway.running) gateway = await gateway.restart();
}, 120_000);

async function post(gw: GatewayProcess, path: string, user: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...gw.auth(user) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A new product with `n` lots, registered through the gateway before anything scans them. */
async function freshLots(gw: GatewayProcess, label: string, n = 3): Promise<LotRef[]> {
  const gtin = freshGtin();
  await post(gw, '/products', REGISTRAR, { gtin, name: `Fault test ${label}`, family: 'coffee' });
  const lots = Array.from({ length: n }, (_, i) => ({ gtin, lot: `F-${run}-${label}-${i}` }));
  for (const lot of lots) await post(gw, '/lots', REGISTRAR, lot);
  return lots;
}

const p50 = (xs: number[]): string => String([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? '-');
const since = (t: number): number => Date.now() - t;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Run `fault` while `load` runs (after 10 acknowledgements, so it hits a steady state), keep the load going
 * until 10 more scans are acknowledged after it, stop, wait until every acknowledged scan is on the ledger, and
 * reconcile.
 */
async function underLoad(label: string, load: ScanLoad, fault: () => Promise<void>): Promise<void> {
  load.start();
  try {
    await load.acksMore(10, 60_000);
    await fault();
    await load.acksMore(10, 90_000);
  } finally {
    await load.stop();
  }
  const drained = Date.now();
  await waitUntil(
    'every acknowledged scan on the ledger',
    async () => (await missing(ledger, READER, load)).length === 0,
    120_000,
    1000,
  );
  const result = await reconcile(ledger, READER, load);
  figures.push(
    `${label}: ${load.acks.length} acknowledged (${load.acks.filter((a) => a.status === 202).length} as 202) at ` +
      `${load.ackRate.toFixed(1)}/s, p50 commit answer ${p50(load.acks.filter((a) => a.status !== 202).map((a) => a.answeredAt - a.issuedAt))} ms, ` +
      `${load.resent} resent, ${load.skipped} ticks skipped, last on ledger ${seconds(since(drained))} after the load stopped`,
  );
  expect(load.refusals).toEqual([]);
  // Nothing went wrong inside either: no unhandled rejection, no read model giving up on its event feed.
  for (const gw of load.gateways()) expect(gw.errors()).toBe('');
  expect(result.lost).toEqual([]);
  expect(result.twice).toEqual([]);
  expect(result.acknowledged).toBe(load.acks.length);
}

const loadOn = (targets: (() => GatewayProcess)[], lots: LotRef[], label: string): ScanLoad =>
  new ScanLoad(targets, lots, {
    rate: RATE,
    maxInFlight: 48,
    scanner: SCANNER,
    keyPrefix: `faults-${run}-${label}`,
  });

describe('faults under a steady scan load', () => {
  it('loses and doubles no scan when a peer is SIGKILLed and restarted, and the peer catches up', async () => {
    const load = loadOn([() => gateway], await freshLots(gateway, 'peer'), 'peer');
    await underLoad('peer0.brands killed', load, async () => {
      const heightAtKill = (await peerHeight('peer0.brands')) ?? 0;
      const killed = Date.now();
      figures.push(
        `p50 commit answer before peer0.brands was killed: ${p50(load.acks.filter((a) => a.status !== 202).map((a) => a.answeredAt - a.issuedAt))} ms`,
      );
      await network('kill', 'peer0.brands');
      // Two of three organisations still endorse: scans keep committing without Brands.
      const before = load.acks.filter((a) => a.status !== 202).length;
      await waitUntil(
        'scans committed while peer0.brands is down',
        () => load.acks.filter((a) => a.status !== 202).length >= before + 40,
        60_000,
      );
      const restarted = Date.now();
      const whileDown = load.acks
        .filter((a) => a.status === 201 && a.issuedAt > killed && a.answeredAt < restarted)
        .map((a) => a.answeredAt - a.issuedAt);
      figures.push(`p50 commit answer while peer0.brands was down: ${p50(whileDown)} ms`);
      // A 201 waits (up to 2 s) for the gateway's read model to show the scan. Had the read model's event feed
      // stayed on the dead peer, every answer would have waited the full 2 s: it moved to another org's peer.
      expect(Math.min(...whileDown)).toBeLessThan(1500);
      await network('start', 'peer0.brands');
      const others = async (): Promise<number> =>
        Math.min(
          ...(await Promise.all(
            ['peer0.logistics', 'peer0.producers'].map(async (p) => (await peerHeight(p)) ?? 0),
          )),
        );
      const target = await others();
      await waitUntil(
        'peer0.brands back at the height of the others',
        async () => ((await peerHeight('peer0.brands')) ?? -1) >= target,
        60_000,
      );
      figures.push(
        `peer0.brands caught up ${target - heightAtKill} blocks (to height ${target}) ${seconds(since(restarted))} after its restart began`,
      );
    });
    await waitUntil(
      'every peer at the same height',
      async () => new Set(Object.values(await peerHeights())).size === 1,
      60_000,
    );
  }, 300_000);

  it('keeps committing scans while the BFT leader, one of four orderers, is SIGKILLed, and loses none', async () => {
    const load = loadOn([() => gateway], await freshLots(gateway, 'orderer'), 'orderer');
    // The leader: its loss costs a view change, the harder case (a follower's loss is not even noticed).
    const leader = await bftLeader();
    await underLoad(`${leader} (BFT leader) killed`, load, async () => {
      const killed = Date.now();
      await network('kill', leader);
      // 3f+1 = 4 tolerates one fault: after the view change blocks keep coming, scans keep being answered 201.
      await waitUntil(
        `scans committed while ${leader} is down`,
        () => load.acks.filter((a) => a.status === 201 && a.issuedAt > killed + 1000).length >= 30,
        90_000,
      );
      const firstCommit = Math.min(
        ...load.acks.filter((a) => a.status === 201 && a.issuedAt > killed).map((a) => a.answeredAt),
      );
      figures.push(
        `BFT leader ${leader} killed: first scan sent after the kill committed ${seconds(firstCommit - killed)} after it (view change)`,
      );
      expect(await bftLeader()).not.toBe(leader);
      await network('start', leader);
    });
  }, 300_000);

  it('holds scans in the outbox while two of four orderers are down and commits each once they return', async () => {
    const load = loadOn([() => gateway], await freshLots(gateway, 'quorum'), 'quorum');
    await underLoad('orderer3+4 killed', load, async () => {
      const killed = Date.now();
      await Promise.all([network('kill', 'orderer3'), network('kill', 'orderer4')]);
      // No quorum (3 of 4): nothing can be ordered. Scans sent a moment after the kill (past any block already
      // agreed) are accepted into the durable outbox and answered 202, none refused.
      const late = (): number => load.acks.filter((a) => a.issuedAt > killed + 3000).length;
      await waitUntil('scans answered while the orderers are down', () => late() >= 20, 90_000);
      const during = load.acks.filter((a) => a.issuedAt > killed + 3000);
      expect(during.map((a) => a.status)).toEqual(during.map(() => 202));
      expect(load.refusals).toEqual([]);
      const health = (await (await fetch(`${gateway.url}/healthz`)).json()) as { outboxBacklog: number };
      expect(health.outboxBacklog).toBeGreaterThanOrEqual(during.length);
      const waiting = new Set(load.acks.filter((a) => a.status === 202).map((a) => a.key));
      const stalled = (await peerHeight('peer0.logistics')) ?? 0;
      const restarted = Date.now();
      await Promise.all([network('start', 'orderer3'), network('start', 'orderer4')]);
      const back = since(restarted);
      // When the first block after the outage reaches a peer: how much of the drain is the ordering service's own recovery.
      let firstBlock: number | undefined;
      await waitUntil(
        'the scans held in the outbox committed',
        async () => {
          if (firstBlock === undefined && ((await peerHeight('peer0.logistics')) ?? 0) > stalled)
            firstBlock = since(restarted);
          return (await missing(ledger, READER, load)).every((k) => !waiting.has(k));
        },
        120_000,
        500,
      );
      figures.push(
        `${waiting.size} scans held during the outage; orderers healthy in ${seconds(back)}, first block ${seconds(firstBlock ?? NaN)} ` +
          `and outbox drained ${seconds(since(restarted))} after the restart began`,
      );
    });
  }, 300_000);

  it('loses and doubles no scan when the chaincode server is SIGKILLed and restarted', async () => {
    const load = loadOn([() => gateway], await freshLots(gateway, 'cc'), 'cc');
    await underLoad('chaincode killed', load, async () => {
      const killed = Date.now();
      await network('kill', 'chaincode');
      await waitUntil(
        'scans answered while the chaincode is down',
        () => load.acks.filter((a) => a.issuedAt > killed + 2000).length >= 15,
        90_000,
      );
      const restarted = Date.now();
      await network('start', 'chaincode');
      await waitUntil(
        'a scan committed after the chaincode restart',
        () => load.acks.some((a) => a.status === 201 && a.issuedAt > restarted),
        90_000,
      );
      figures.push(
        `chaincode restarted: first scan committed ${seconds(since(restarted))} after the restart began`,
      );
    });
  }, 300_000);

  it('commits every acknowledged scan exactly once across a SIGKILL of the gateway and its restart', async () => {
    const load = loadOn([() => gateway], await freshLots(gateway, 'gw'), 'gw');
    await underLoad('gateway killed', load, async () => {
      // Orderers without quorum first, so the kill finds scans acknowledged (202) that are only in the outbox,
      // and transactions of them possibly waiting in the live orderers' request pools.
      const [a, b] = ordererNames().slice(-2) as [string, string];
      await Promise.all([network('kill', a), network('kill', b)]);
      const held = load.acks.filter((x) => x.status === 202).length;
      await waitUntil(
        'scans held in the outbox',
        () => load.acks.filter((x) => x.status === 202).length >= held + 10,
        60_000,
      );
      await gateway.kill('SIGKILL');
      const restarted = Date.now();
      gateway = await gateway.restart();
      figures.push(`gateway restarted on its data dir in ${seconds(since(restarted))}`);
      await Promise.all([network('start', a), network('start', b)]);
      await waitUntil(
        'a scan committed after the restart',
        () => load.acks.some((x) => x.status === 201 && x.issuedAt > restarted),
        90_000,
      );
      // The kill cut requests off mid-way: their clients sent them again with the same key.
      expect(load.resent).toBeGreaterThan(0);
    });
  }, 300_000);
});

describe('two gateways on one network', () => {
  it('take half the scans each, count a scan retried on the other once, and their public read models agree', async () => {
    const second = await startGatewayProcess({ name: 'b', env: GATEWAY_ENV });
    try {
      const lots = await freshLots(gateway, 'pair', 2);
      const load = loadOn([() => gateway, () => second], lots, 'pair');
      const gateways = [gateway, second];
      await underLoad('two gateways', load, async () => {
        await load.acksMore(40, 60_000);
        // Behind a load balancer a client's retry may land on the other instance, whose outbox never saw the
        // key: the chaincode's receipt answers it, and it counts once (reconciled below with the rest).
        for (const ack of load.acks.filter((a) => a.status === 201).slice(0, 10)) {
          const other = gateways[1 - ack.target]!;
          const res = await fetch(`${other.url}/scans/qr`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...other.auth(SCANNER) },
            body: JSON.stringify(scanBody(ack)),
            signal: AbortSignal.timeout(30_000),
          });
          expect([res.status, res.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
        }
      });
      expect(new Set(load.acks.map((a) => a.target))).toEqual(new Set([0, 1]));
      const lookup = async (
        gw: GatewayProcess,
        lot: LotRef,
      ): Promise<{ status: number; stages: unknown[]; body: unknown }> => {
        const res = await fetch(`${gw.url}/01/${lot.gtin}/10/${lot.lot}`, {
          headers: { accept: 'application/json' },
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await res.json()) as { stages?: unknown[] };
        return { status: res.status, stages: body.stages ?? [], body };
      };
      for (const lot of lots) {
        const scans = load.acks.filter((a) => a.lot.lot === lot.lot).length;
        // Each read model follows the ledger's events on its own: wait until both show every scan of the lot.
        let views = await Promise.all(gateways.map((gw) => lookup(gw, lot)));
        await waitUntil(
          `both gateways showing the ${scans} scans of ${lot.lot}`,
          async () => {
            views = await Promise.all(gateways.map((gw) => lookup(gw, lot)));
            return views.every((v) => v.status === 200 && v.stages.length >= scans);
          },
          60_000,
          500,
        );
        expect(views[1]!.body).toEqual(views[0]!.body);
      }
    } finally {
      await second.kill();
      rmSync(second.dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
