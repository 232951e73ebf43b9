/**
 * The real gateway app on a real embedded ledger in a temp dir, for supertest. `faults` can cut the gateway
 * off from the ledger (as a network partition or a peer outage would) without touching the ledger itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { contracts } from '../../chaincode/src';
import type { RequestListener } from 'node:http';
import { createGateway } from '../../gateway/src/app';
import { loadConfig, type Config } from '../../gateway/src/config';
import { ensureApiKeys } from '../../gateway/src/http/apiKeys';
import { Outbox } from '../../gateway/src/outbox/outbox';
import { EmbeddedLedger } from '../../ledger/src/embedded';
import { LedgerUnavailableError, type Ledger, type Proposal } from '../../ledger/src';
import { TraceClient } from '../../gateway/src/client';
import { TraceCache } from '../../gateway/src/lookup/traceCache';
import { ContractCalls } from './contractCalls';

/** Delegates to a real ledger; while `down`, submissions fail as they would with the peer unreachable. */
export class PartitionableLedger implements Ledger {
  down = false;
  submitted = 0;
  constructor(readonly inner: Ledger) {}
  async submit(proposal: Proposal) {
    if (this.down) throw new LedgerUnavailableError('peer unreachable (partition)');
    this.submitted++;
    return this.inner.submit(proposal);
  }
  evaluate(proposal: Proposal) {
    return this.inner.evaluate(proposal);
  }
  events(options?: { startBlock?: bigint }) {
    return this.inner.events(options);
  }
  identities() {
    return this.inner.identities();
  }
  close() {
    return this.inner.close();
  }
}

export interface TempGateway {
  readonly dir: string;
  readonly app: Express;
  /** What the server really serves: the fast lookup path in front of `app`. */
  readonly listener: RequestListener;
  readonly config: Config;
  readonly ledger: PartitionableLedger;
  readonly outbox: Outbox;
  readonly client: TraceClient;
  /** Transactions by name, for tests of the contract itself. */
  readonly calls: ContractCalls;
  /** API key per wallet label. */
  readonly keys: Record<string, string>;
  auth(user: string): { Authorization: string };
  /** Stop the app's parts (not the ledger dir); `restart` reopens everything on the same dir. */
  restart(): Promise<TempGateway>;
  close(): Promise<void>;
}

export async function startGateway(
  env: Record<string, string> = {},
  existingDir?: string,
): Promise<TempGateway> {
  const dir = existingDir ?? (await mkdtemp(path.join(os.tmpdir(), 'trace-gw-')));
  const config = loadConfig({
    TRACE_DATA_DIR: dir,
    TRACE_SYNC_WAIT_MS: '3000',
    TRACE_PUBLIC_URL: 'https://trace.example.com',
    ...env,
  });
  const embedded = await EmbeddedLedger.open({ dataDir: path.join(dir, 'ledger'), contracts });
  const ledger = new PartitionableLedger(embedded);
  const identities = await ledger.identities();
  const { keys, plain } = ensureApiKeys(dir, identities);
  const outbox = await Outbox.open(path.join(dir, 'outbox'), ledger, {
    backoffMs: 50,
    maxBackoffMs: 200,
    retentionMs: config.outboxRetentionMs,
  });
  const client = new TraceClient(ledger);
  const cache = new TraceCache(client, identities[0]!);
  await cache.follow(ledger);
  const { app, listener } = createGateway({ config, ledger, outbox, cache, apiKeys: keys });
  const stop = async () => {
    cache.close();
    await outbox.close();
    await ledger.close();
  };
  return {
    dir,
    app,
    listener,
    config,
    ledger,
    outbox,
    client,
    calls: new ContractCalls(ledger),
    keys: plain,
    auth: (user) => ({ Authorization: `Bearer ${plain[user]!}` }),
    restart: async () => {
      await stop();
      return startGateway(env, dir);
    },
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
