/**
 * The whole gateway (createApp) over a real embedded ledger in a temp dir, with one API key per demo user:
 * EPCIS and export suites talk HTTP to it exactly as partners do.
 */
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../gateway/src/app';
import { loadConfig } from '../../gateway/src/config';
import { ApiKeys } from '../../gateway/src/http/apiKeys';
import { Outbox } from '../../gateway/src/outbox/outbox';
import { TraceCache } from '../../gateway/src/lookup/traceCache';
import { openTempLedger, Users, type TempLedger } from './tempLedger';

export type UserName = keyof typeof Users;

export interface EpcisHarness {
  readonly t: TempLedger;
  readonly app: Express;
  /** Bearer header of a demo user's API key. */
  auth(user: UserName): { Authorization: string };
  /** Polls a capture job until it is finished. */
  finished(location: string, user?: UserName): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function openEpcisHarness(): Promise<EpcisHarness> {
  const t = await openTempLedger('trace-epcis-');
  const config = loadConfig({ TRACE_DATA_DIR: t.dir });
  const outbox = await Outbox.open(path.join(t.dir, 'outbox'), t.ledger);
  const cache = new TraceCache(t.client, Users.retailer);
  await cache.follow(t.ledger);
  const keys = ApiKeys.fromEntries(
    Object.entries(Users).map(([name, user]) => ({ key: `key-${name}`, user })),
  );
  const app = createApp({ config, ledger: t.ledger, outbox, cache, apiKeys: keys });
  const auth = (user: UserName) => ({ Authorization: `Bearer key-${user}` });
  return {
    t,
    app,
    auth,
    async finished(location, user = 'processor') {
      for (let i = 0; i < 600; i++) {
        const res = await request(app).get(location).set(auth(user));
        const job = res.body as Record<string, unknown>;
        if (res.status !== 200) throw new Error(`capture job ${location}: HTTP ${res.status} ${res.text}`);
        if (job.running === false) return job;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`capture job ${location} did not finish`);
    },
    async close() {
      cache.close();
      await outbox.close();
      await t.close();
    },
  };
}
