/**
 * The ledger a shared scenario runs on, chosen by TRACE_FABRIC: unset, the embedded ledger in a fresh temp dir
 * (`npm test`); `1`, the running Trace test network through FabricLedger and the network's connection.json
 * (`npm run test:fabric`, after `./test-network.sh up && createChannel && deployCC`). The demo identities have the
 * same wallet labels on both (`<mspId>/<name>`, gateway/src/identity/demoOrgs.ts), so one scenario serves both.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConnectionProfile, FabricLedger } from '../../gateway/src/ledger/fabric';
import type { Ledger } from '../../gateway/src/ledger/ledger';
import { TraceClient } from '../../gateway/src/ledger/traceClient';
import { connectionProfilePath } from '../fabric/network';
import { openTempLedger } from '../helpers/tempLedger';

export type LedgerKind = 'embedded' | 'fabric';

/** True when the scenarios run against the Fabric network. */
export const onFabric = process.env.TRACE_FABRIC === '1';

export interface LedgerUnderTest {
  readonly kind: LedgerKind;
  readonly ledger: Ledger;
  readonly client: TraceClient;
  /**
   * Bytes of the block that holds transaction `txId`, as the ledger stores it: on Fabric the block from the query
   * system chaincode; embedded, the whole block file (a superset, which only makes "never in a block" stricter).
   */
  blockBytes(txId: string): Promise<Buffer>;
  /** Close the ledger (and delete the embedded one's temp dir). */
  close(): Promise<void>;
}

async function openEmbedded(): Promise<LedgerUnderTest> {
  const t = await openTempLedger('trace-scenario-');
  return {
    kind: 'embedded',
    ledger: t.ledger,
    client: t.client,
    async blockBytes() {
      const dir = path.join(t.dir, 'blocks');
      return Buffer.concat(await Promise.all((await readdir(dir)).map((f) => readFile(path.join(dir, f)))));
    },
    close: () => t.close(),
  };
}

async function openFabric(): Promise<LedgerUnderTest> {
  const profile = await loadConnectionProfile(connectionProfilePath());
  const ledger = await FabricLedger.connect({ connectionProfile: profile });
  let qscc: FabricLedger | undefined;
  return {
    kind: 'fabric',
    ledger,
    client: new TraceClient(ledger),
    async blockBytes(txId) {
      qscc ??= await FabricLedger.connect({ connectionProfile: { ...profile, chaincode: 'qscc' } });
      const [user] = await ledger.identities();
      return Buffer.from(await qscc.evaluate({ user: user!, fn: 'GetBlockByTxID', args: [profile.channel, txId] }));
    },
    async close() {
      await qscc?.close();
      await ledger.close();
    },
  };
}

/** Open the ledger under test for one suite; close it in afterAll. */
export function openLedgerUnderTest(): Promise<LedgerUnderTest> {
  return onFabric ? openFabric() : openEmbedded();
}
