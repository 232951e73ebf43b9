/**
 * The real gateway (createGateway: the Express app behind the fast lookup path) on the ledger under test, served
 * on an ephemeral port, with one API key per wallet identity: scenarios talk HTTP to it as members and
 * consumers do. Its own data (outbox, EPCIS read model, API keys, NFC key file) lives in a fresh temp dir.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createGateway } from '../../gateway/src/app';
import { loadConfig, type Config } from '../../gateway/src/config';
import { ensureApiKeys } from '../../gateway/src/http/apiKeys';
import { Outbox } from '../../gateway/src/outbox/outbox';
import { TraceClient } from '../../gateway/src/client';
import { TraceCache } from '../../gateway/src/lookup/traceCache';
import { openLedgerUnderTest, type LedgerUnderTest } from './ledgerUnderTest';

export interface ScenarioGateway {
  readonly lut: LedgerUnderTest;
  readonly config: Config;
  /** `http://127.0.0.1:<port>`: where the gateway listens. */
  readonly url: string;
  /** A supertest agent on the listening gateway. */
  readonly http: ReturnType<typeof request>;
  /** Bearer header of the API key of a wallet label (e.g. `LogisticsMSP/carrier`). */
  auth(user: string): { Authorization: string };
  /** Polls an EPCIS capture job until it has finished. */
  finished(location: string, user: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Start a gateway on a newly opened ledger under test; `env` adds gateway settings (TRACE_*). */
export async function startScenarioGateway(env: Record<string, string> = {}): Promise<ScenarioGateway> {
  const lut = await openLedgerUnderTest();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'trace-scenario-gw-'));
  const config = loadConfig({
    TRACE_DATA_DIR: dir,
    TRACE_LEDGER: lut.kind,
    // A Fabric commit takes a few hundred ms, more on a busy machine: wait long enough to answer "committed".
    TRACE_SYNC_WAIT_MS: '15000',
    TRACE_PUBLIC_URL: 'https://trace.example.com',
    ...env,
  });
  const identities = await lut.ledger.identities();
  const { keys, plain } = ensureApiKeys(dir, identities);
  const outbox = await Outbox.open(path.join(dir, 'outbox'), lut.ledger, {
    retentionMs: config.outboxRetentionMs,
  });
  const cache = new TraceCache(new TraceClient(lut.ledger), identities[0]!);
  await cache.follow(lut.ledger);
  const { listener } = createGateway({ config, ledger: lut.ledger, outbox, cache, apiKeys: keys });
  const server: Server = createServer(listener);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const http = request(url);
  const auth = (user: string) => {
    const key = plain[user];
    if (key === undefined) throw new Error(`no API key for ${user}: not in the ledger's wallet`);
    return { Authorization: `Bearer ${key}` };
  };
  return {
    lut,
    config,
    url,
    http,
    auth,
    async finished(location, user) {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const res = await http.get(location).set(auth(user));
        if (res.status !== 200) throw new Error(`capture job ${location}: HTTP ${res.status} ${res.text}`);
        const job = res.body as Record<string, unknown>;
        if (job.running === false) return job;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`capture job ${location} did not finish within 60 s`);
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      cache.close();
      await outbox.close();
      // Closing the ledger ends its event streams, which closes the EPCIS read model's store in the data dir.
      await lut.close();
      await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
