/**
 * A real embedded ledger in a temp dir whose channel has, besides the demo organisations, a second brand
 * organisation (RivalBrandsMSP): alerts and reports must stay inside the brand that owns the tags.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { contracts } from '../../../chaincode/src';
import { DEMO_ORGS, ensureDemoMsp } from '../../../gateway/src/identity';
import { EmbeddedLedger } from '../../../gateway/src/ledger/embedded';
import { TraceClient } from '../../../gateway/src/ledger/traceClient';

export const RIVAL_BRAND = 'RivalBrandsMSP/brand';

export interface RivalLedger {
  readonly dir: string;
  readonly ledger: EmbeddedLedger;
  readonly client: TraceClient;
  close(): Promise<void>;
}

export async function openRivalLedger(): Promise<RivalLedger> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'trace-auth-'));
  await ensureDemoMsp(path.join(dir, 'msp'), [
    ...DEMO_ORGS,
    { mspId: 'RivalBrandsMSP', users: [{ name: 'brand', role: 'brand' }] },
  ]);
  const ledger = await EmbeddedLedger.open({ dataDir: dir, contracts });
  return {
    dir,
    ledger,
    client: new TraceClient(ledger),
    close: async () => {
      await ledger.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
