/** A real embedded ledger in a fresh temp directory, running the real Trace contracts. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { contracts } from '../../chaincode/src';
import { ensureDemoMsp, type DemoOrg } from '../../ledger/src/msp';
import { EmbeddedLedger } from '../../ledger/src/embedded';
import { TraceClient } from '../../gateway/src/client';
import { ContractCalls } from './contractCalls';

export interface TempLedger {
  readonly dir: string;
  readonly ledger: EmbeddedLedger;
  readonly client: TraceClient;
  /** Transactions by name, for tests of the contract itself. */
  readonly calls: ContractCalls;
  close(): Promise<void>;
}

/**
 * Open a ledger in a fresh temp dir. `orgs` replaces the demo organisations of its channel (made before the
 * ledger first opens), e.g. to add a second brand.
 */
export async function openTempLedger(prefix = 'trace-test-', orgs?: readonly DemoOrg[]): Promise<TempLedger> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  if (orgs) await ensureDemoMsp(path.join(dir, 'msp'), orgs);
  const ledger = await EmbeddedLedger.open({ dataDir: dir, contracts });
  return {
    dir,
    ledger,
    client: new TraceClient(ledger),
    calls: new ContractCalls(ledger),
    close: async () => {
      await ledger.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The demo organisations' identities (see ledger/src/msp/demoOrgs.ts). */
export const Users = {
  farmer: 'ProducersMSP/farmer',
  processor: 'ProducersMSP/processor',
  roaster: 'ProducersMSP/roaster',
  brand: 'BrandsMSP/brand',
  regulator: 'BrandsMSP/regulator',
  carrier: 'LogisticsMSP/carrier',
  customs: 'LogisticsMSP/customs',
  retailer: 'LogisticsMSP/retailer',
} as const;
