/**
 * The ledger a shared scenario runs on, chosen by TRACE_FABRIC: unset, the embedded ledger in a fresh temp dir
 * (`npm test`); `1`, the running Trace test network through FabricLedger and the network's connection.json
 * (`npm run test:fabric`, after `./test-network.sh up && createChannel && deployCC`). The demo identities have the
 * same wallet labels on both (`<mspId>/<name>`, ledger/src/msp/demoOrgs.ts), so one scenario serves both.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConnectionProfile, FabricLedger } from '../../ledger/src/fabric';
import { decodeBlockchainHeight } from '../../ledger/src/fabric/chainHeight';
import type { Ledger, Proposal, SubmitResult } from '../../ledger/src';
import { ContractCalls } from '../helpers/contractCalls';
import { connectionProfilePath } from '../fabric/network';
import { openTempLedger } from '../helpers/tempLedger';

export type LedgerKind = 'embedded' | 'fabric';

/** True when the scenarios run against the Fabric network. */
export const onFabric = process.env.TRACE_FABRIC === '1';

export interface LedgerUnderTest {
  readonly kind: LedgerKind;
  /** The ledger itself, as the gateway is given it. */
  readonly ledger: Ledger;
  /**
   * The contract's client for the scenario's own calls: its submits return once every organisation's peer has
   * the block, so the next read sees the write whichever organisation's user reads (see {@link EveryPeerCommitted}).
   */
  readonly client: ContractCalls;
  /**
   * Bytes of the block that holds transaction `txId`, as the ledger stores it: on Fabric the block from the query
   * system chaincode; embedded, the whole block file (a superset, which only makes "never in a block" stricter).
   */
  blockBytes(txId: string): Promise<Buffer>;
  /**
   * Resolves once every organisation's peer has every block any of them had when called: after a write through
   * the gateway, before another organisation reads it. At once on the embedded ledger (one state).
   */
  settle(): Promise<void>;
  /** Close the ledger (and delete the embedded one's temp dir). */
  close(): Promise<void>;
}

async function openEmbedded(): Promise<LedgerUnderTest> {
  const t = await openTempLedger('trace-scenario-');
  return {
    kind: 'embedded',
    ledger: t.ledger,
    client: t.calls,
    async blockBytes() {
      const dir = path.join(t.dir, 'blocks');
      return Buffer.concat(await Promise.all((await readdir(dir)).map((f) => readFile(path.join(dir, f)))));
    },
    settle: () => Promise.resolve(),
    close: () => t.close(),
  };
}

/**
 * On Fabric a submit resolves when the submitter's gateway peer has committed the block; a user of another
 * organisation reads from its own peer, which may be a block behind for a few milliseconds. The embedded ledger
 * has one state, so its scenarios never meet that. This wrapper waits, after each submit, until the gateway peer
 * of every organisation reports a height past the transaction's block (qscc GetChainInfo).
 */
class EveryPeerCommitted implements Ledger {
  constructor(
    private readonly inner: FabricLedger,
    private readonly qscc: FabricLedger,
    private readonly channel: string,
  ) {}

  async submit(proposal: Proposal): Promise<SubmitResult> {
    const result = await this.inner.submit(proposal);
    await this.everyPeerAt(result.blockNumber + 1n);
    return result;
  }

  /** One wallet label per organisation: evaluations as it go to that organisation's gateway peer. */
  private async orgUsers(): Promise<string[]> {
    return [
      ...new Map((await this.inner.identities()).map((label) => [label.split('/')[0]!, label])).values(),
    ];
  }

  private async height(user: string): Promise<bigint> {
    return decodeBlockchainHeight(
      await this.qscc.evaluate({ user, fn: 'GetChainInfo', args: [this.channel] }),
    );
  }

  async everyPeerAt(height: bigint): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (const user of await this.orgUsers()) {
      while ((await this.height(user)) < height) {
        if (Date.now() > deadline)
          throw new Error(`${user}'s peer did not reach height ${height} within 15 s`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  async settle(): Promise<void> {
    const heights = await Promise.all((await this.orgUsers()).map((user) => this.height(user)));
    await this.everyPeerAt(heights.reduce((a, b) => (a > b ? a : b), 0n));
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

async function openFabric(): Promise<LedgerUnderTest> {
  const profile = await loadConnectionProfile(connectionProfilePath());
  const ledger = await FabricLedger.connect({ connectionProfile: profile });
  const qscc = await FabricLedger.connect({ connectionProfile: { ...profile, chaincode: 'qscc' } });
  const consistent = new EveryPeerCommitted(ledger, qscc, profile.channel);
  return {
    kind: 'fabric',
    ledger,
    client: new ContractCalls(consistent),
    settle: () => consistent.settle(),
    async blockBytes(txId) {
      const [user] = await ledger.identities();
      return Buffer.from(
        await qscc.evaluate({ user: user!, fn: 'GetBlockByTxID', args: [profile.channel, txId] }),
      );
    },
    async close() {
      await qscc.close();
      await ledger.close();
    },
  };
}

/** Open the ledger under test for one suite; close it in afterAll. */
export function openLedgerUnderTest(): Promise<LedgerUnderTest> {
  return onFabric ? openFabric() : openEmbedded();
}
