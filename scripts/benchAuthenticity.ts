/**
 * `npm run bench:authenticity [-- --tags 700 --forged 3000 --rfid 300]`: the closing-note figure of the
 * anti-counterfeit check. Generates M ≥ 10,000 forged, replayed and cloned scenarios against a real embedded
 * ledger running TagContract — forged taps (random, one flipped hex digit, another brand's master key, a key
 * diversified for another UID, the factory-default key), replayed URLs, harvested far-ahead URLs and the genuine
 * tag's taps after them, impossible travel, taps of revoked tags, and RFID clones (one EPC at two portals at
 * once, impossible travel, TID mismatch, read after sale) — and counts how many were accepted (goal 0), next to
 * genuine control taps and reads (which must all be accepted). Then the cost of verifying one tap's SUN MAC (µs)
 * and of a whole public tap with its ledger transaction.
 */
import '../gateway/src/quietContractLogs';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { contracts } from '../chaincode/src';
import { AuthenticityService } from '../gateway/src/authenticity';
import { Outbox } from '../gateway/src/outbox/outbox';
import { EmbeddedLedger } from '../ledger/src/embedded';
import { TraceClient } from '../gateway/src/client';
import {
  emulatedTag,
  SecretKey,
  StaticKeyProvider,
  TapVerifier,
  tapUrl,
  type BrandKeySet,
  type EmulatedTag,
} from '../gateway/src/authenticity/nfc';

const { values: opts } = parseArgs({
  options: {
    tags: { type: 'string', default: '700' },
    forged: { type: 'string', default: '3000' },
    rfid: { type: 'string', default: '300' },
  },
});
const N_TAGS = Number(opts.tags);
const N_FORGED = Number(opts.forged);
const N_RFID = Number(opts.rfid);

const BRAND = 'BrandsMSP/brand';
const CARRIER = 'LogisticsMSP/carrier';
const GTIN = '09506000134390';
const PLACES = {
  paris: {
    gln: '9521234000105',
    name: 'Boutique Paris',
    country: 'FR',
    geo: { type: 'Point', coordinates: [2.35, 48.86] },
  },
  lyon: {
    gln: '9521234000082',
    name: 'Store Lyon',
    country: 'FR',
    geo: { type: 'Point', coordinates: [4.84, 45.76] },
  },
  tokyo: {
    gln: '9521234000112',
    name: 'Outlet Tokyo',
    country: 'JP',
    geo: { type: 'Point', coordinates: [139.69, 35.69] },
  },
};
const TOKYO_PHONE = { lat: 35.68, lon: 139.76, country: 'JP' };
const glnUri = (gln: string): string => `https://id.gs1.org/414/${gln}`;
const itemUri = (serial: string): string => `https://id.gs1.org/01/${GTIN}/21/${serial}`;

const brandKeys = (keyId: string, mspId: string): BrandKeySet => ({
  keyId,
  mspId,
  signer: `${mspId}/brand`,
  metaReadKey: new SecretKey(randomBytes(16)),
  fileReadMasterKey: new SecretKey(randomBytes(16)),
  applicationId: Buffer.from('D2760000850101', 'hex'),
  systemIdentifier: Buffer.from('Trace'),
});

/** Tallies per scenario: how many were run and how many were (wrongly) accepted. */
class Tally {
  readonly rows = new Map<string, { run: number; accepted: number; control: boolean }>();
  add(name: string, accepted: boolean, control = false): void {
    const row = this.rows.get(name) ?? { run: 0, accepted: 0, control };
    row.run++;
    if (accepted) row.accepted++;
    this.rows.set(name, row);
  }
}

const uidOf = (i: number): string => `04${(0x100000 + i).toString(16).toUpperCase().padStart(12, '0')}`;
const flip = (url: string, name: string, rnd: () => number): string =>
  url.replace(new RegExp(`(${name}=)([0-9A-F]+)`), (_m, p: string, hex: string) => {
    const at = Math.floor(rnd() * hex.length);
    const c = hex[at]!;
    const to = '0123456789ABCDEF'[('0123456789ABCDEF'.indexOf(c) + 1 + Math.floor(rnd() * 15)) % 16]!;
    return p + hex.slice(0, at) + to + hex.slice(at + 1);
  });

async function chunked<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trace-bench-auth-'));
  const ledger = await EmbeddedLedger.open({ dataDir: join(dir, 'ledger'), contracts });
  const outbox = await Outbox.open(join(dir, 'outbox'), ledger);
  const maison = brandKeys('maison', 'BrandsMSP');
  const other = brandKeys('other', 'OtherMSP');
  const service = new AuthenticityService({
    ledger,
    outbox,
    keys: new StaticKeyProvider([maison]),
    syncWaitMs: 0,
  });
  const client = new TraceClient(ledger);
  const tally = new Tally();
  const base = 'https://brand.example/t';
  const genuine = async (url: string, place?: unknown): Promise<boolean> =>
    (await service.publicTap(url, place, 'https://trace.example')).verdict === 'genuine';
  let seed = 0x424;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;

  await client.registerProduct(BRAND, { gtin: GTIN, name: 'Bench bag', family: 'goods' });
  for (const p of Object.values(PLACES)) await client.registerLocation(BRAND, p);

  // Group A: forgeries of fresh counters, replays, a harvested far-ahead URL and the genuine tag's next tap.
  const started = performance.now();
  const groupA = Array.from({ length: N_TAGS }, (_, i) => i);
  await chunked(groupA, 32, async (i) => {
    const uid = uidOf(i);
    await client.commissionTag(BRAND, { gtin: GTIN, serial: `A${i}`, nfcUid: uid });
    const tag = await emulatedTag(maison, uid);
    const t1 = await tapUrl(tag, 1, { base });
    tally.add('control: genuine tap', await genuine(t1), true);
    tally.add('replayed URL', await genuine(t1));
    const fresh = await tapUrl(tag, 2, { base, fileData: Buffer.alloc(16, i & 0xff) });
    for (const name of ['picc_data', 'enc', 'cmac'])
      tally.add(`forged: one flipped digit in ${name}`, await genuine(flip(fresh, name, rnd)));
    const wrongMaster: EmulatedTag = {
      ...(await emulatedTag(other, uid)),
      metaReadKey: maison.metaReadKey.bytes(),
    };
    tally.add('forged: another master key', await genuine(await tapUrl(wrongMaster, 2, { base })));
    const otherUid: EmulatedTag = {
      ...tag,
      fileReadKey: (await emulatedTag(maison, uidOf(i + 1_000_000))).fileReadKey,
    };
    tally.add('forged: key of another UID', await genuine(await tapUrl(otherUid, 2, { base })));
    tally.add(
      'forged: factory-default key',
      await genuine(await tapUrl({ ...tag, fileReadKey: Buffer.alloc(16) }, 2, { base })),
    );
    tally.add('control: genuine tap', await genuine(fresh), true);
    tally.add('harvested URL played (counter +500)', await genuine(await tapUrl(tag, 502, { base })));
    tally.add('genuine tag after a harvest (flagged)', await genuine(await tapUrl(tag, 3, { base })));
  });

  // Random URLs of the right shape.
  for (let i = 0; i < N_FORGED; i++) {
    tally.add(
      'forged: random picc_data and cmac',
      await genuine(
        `${base}?picc_data=${randomBytes(16).toString('hex').toUpperCase()}&cmac=${randomBytes(8).toString('hex').toUpperCase()}`,
      ),
    );
  }

  // Group B: impossible travel (Paris, then a phone in Tokyo seconds later), then the suspect tag's next tap.
  const groupB = Array.from({ length: Math.max(1, Math.round(N_TAGS / 3)) }, (_, i) => 100_000 + i);
  await chunked(groupB, 32, async (i) => {
    const uid = uidOf(i);
    await client.commissionTag(BRAND, { gtin: GTIN, serial: `B${i}`, nfcUid: uid });
    const tag = await emulatedTag(maison, uid);
    await client.recordTap(BRAND, {
      uid,
      counter: 1,
      keyOwner: 'BrandsMSP',
      readPoint: glnUri(PLACES.paris.gln),
    });
    tally.add(
      'impossible travel (Paris → Tokyo)',
      await genuine(await tapUrl(tag, 2, { base }), TOKYO_PHONE),
    );
    tally.add('tap of a tag held as suspect', await genuine(await tapUrl(tag, 3, { base })));
  });

  // Group C: revoked and decommissioned tags.
  const groupC = Array.from({ length: Math.max(1, Math.round(N_TAGS / 7)) }, (_, i) => 200_000 + i);
  await chunked(groupC, 32, async (i) => {
    const uid = uidOf(i);
    await client.commissionTag(BRAND, { gtin: GTIN, serial: `C${i}`, nfcUid: uid });
    await client.setTagStatus(BRAND, {
      tag: { nfcUid: uid },
      status: i % 2 ? 'revoked' : 'decommissioned',
    });
    tally.add(
      'tap of a revoked or decommissioned tag',
      await genuine(await tapUrl(await emulatedTag(maison, uid), 1, { base })),
    );
  });

  // RFID: four groups of tags, each read in one portal batch per step.
  const rfid = async (group: string, count: number) => {
    const serials = Array.from(
      { length: count },
      (_, i) => `${900_000 + i}${group}`.replace(/\D/g, '') + String(group.charCodeAt(0)),
    );
    await chunked(serials, 32, async (s) => {
      await client.commissionTag(BRAND, {
        gtin: GTIN,
        serial: s,
        epc: itemUri(s),
        tid: `E28011606000${s.padStart(12, '0').slice(-12)}`,
      });
    });
    return serials;
  };
  const check = async (gln: string, reads: unknown[]): Promise<Set<number>> => {
    const res = await client.checkEpcReads(CARRIER, { readPoint: glnUri(gln), reads });
    return new Set(res.flagged);
  };
  const scenario = async (
    name: string,
    group: string,
    steps: (serials: string[]) => Promise<Set<number>>,
  ) => {
    const serials = await rfid(group, N_RFID);
    const flagged = await steps(serials);
    serials.forEach((_s, i) => {
      tally.add(name, !flagged.has(i));
    });
  };
  const reads = (serials: string[], time: string, tid?: (s: string) => string) =>
    serials.map((s) => ({ epc: itemUri(s), time, ...(tid ? { tid: tid(s) } : {}) }));
  const ownTid = (s: string): string => `E28011606000${s.padStart(12, '0').slice(-12)}`;
  await scenario('RFID: one EPC at two portals at once', '1', async (s) => {
    const first = await check(PLACES.paris.gln, reads(s, '2026-05-01T10:00:00Z', ownTid));
    s.forEach((_x, i) => {
      tally.add('control: genuine RFID read', !first.has(i), true);
    });
    return check(PLACES.lyon.gln, reads(s, '2026-05-01T10:00:01Z', ownTid));
  });
  await scenario('RFID: impossible travel (Paris → Tokyo in 1 h)', '2', async (s) => {
    await check(PLACES.paris.gln, reads(s, '2026-05-01T10:00:00Z'));
    return check(PLACES.tokyo.gln, reads(s, '2026-05-01T11:00:00Z'));
  });
  await scenario('RFID: TID differs from the bound one', '3', (s) =>
    check(
      PLACES.paris.gln,
      reads(s, '2026-05-02T10:00:00Z', () => 'E2801160600000000000FFFF'),
    ),
  );
  await scenario('RFID: read after sale', '4', async (s) => {
    await chunked(s, 32, async (x) => {
      await client.setTagStatus(BRAND, { tag: { item: itemUri(x) }, status: 'sold' });
    });
    return check(PLACES.paris.gln, reads(s, '2026-05-03T10:00:00Z'));
  });
  const scenarioSeconds = (performance.now() - started) / 1000;

  // Cost of one SUN verification (AES decrypt + 2 CMACs; AN10922 key cached per UID after the first tap).
  const verifier = new TapVerifier(new StaticKeyProvider([maison]));
  const probes = await Promise.all(
    Array.from({ length: 200 }, async (_, i) =>
      tapUrl(await emulatedTag(maison, uidOf(500_000 + i)), 7, { base }),
    ),
  );
  /** Wall µs per call, and CPU µs per call (user + system of the process: robust when the machine is busy). */
  const cpu: number[] = [];
  const timeIt = async (rounds: number, fn: (i: number) => Promise<unknown>): Promise<number> => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < rounds; i++) await fn(i);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / rounds);
    return ((performance.now() - t0) * 1000) / rounds;
  };
  const cold = await timeIt(probes.length, (i) => verifier.verify(probes[i]!));
  const warm = await timeIt(20_000, (i) => verifier.verify(probes[i % probes.length]!));
  const forgedUs = await timeIt(20_000, (i) =>
    verifier.verify(flip(probes[i % probes.length]!, 'cmac', rnd)).catch(() => undefined),
  );
  const endToEnd = await (async () => {
    const uid = uidOf(600_000);
    await client.commissionTag(BRAND, { gtin: GTIN, serial: 'E2E', nfcUid: uid });
    const tag = await emulatedTag(maison, uid);
    const urls = await Promise.all(Array.from({ length: 500 }, (_, i) => tapUrl(tag, i + 1, { base })));
    return (await timeIt(urls.length, (i) => genuine(urls[i]!))) / 1000;
  })();

  let m = 0;
  let accepted = 0;
  console.log('\nAnti-counterfeit scenarios (embedded ledger, TagContract)\n');
  console.log(`${'scenario'.padEnd(48)} ${'run'.padStart(7)} ${'accepted'.padStart(9)}`);
  for (const [name, row] of [...tally.rows.entries()].sort(
    ([, a], [, b]) => Number(a.control) - Number(b.control),
  )) {
    console.log(`${name.padEnd(48)} ${String(row.run).padStart(7)} ${String(row.accepted).padStart(9)}`);
    if (!row.control) {
      m += row.run;
      accepted += row.accepted;
    }
  }
  console.log(
    `\nM = ${m} forged, replayed or cloned scenarios: ${accepted} accepted (goal 0); ${scenarioSeconds.toFixed(1)} s`,
  );
  const [cpuCold, cpuWarm, cpuForged, cpuE2e] = cpu.map((us) => us.toFixed(1));
  console.log(
    `SUN verification, wall (CPU) µs per tap: ${warm.toFixed(1)} (${cpuWarm}) key cached; ${cold.toFixed(1)} (${cpuCold}) first tap of a UID, with AN10922 derivation; ${forgedUs.toFixed(1)} (${cpuForged}) forged`,
  );
  console.log(
    `Public tap end to end (verify + ledger transaction, sequential): ${endToEnd.toFixed(2)} ms/tap wall, ${cpuE2e} µs CPU`,
  );
  await outbox.close();
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
  if (accepted > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
