/**
 * The embedded ledger: Trace's fabric-contract-api contracts executed in-process with Fabric's semantics
 * (endorse by simulation, order into hash-chained blocks, MVCC-validate, commit) and durable storage under
 * `dataDir`:
 *
 *   <dataDir>/msp/       org CAs and users (created with the demo organisations on first open)
 *   <dataDir>/blocks/    the block file
 *   <dataDir>/state/     world state, history index, savepoint (LevelDB; rebuildable from blocks + pvtdata)
 *   <dataDir>/pvtdata/   private data values by block/tx (LevelDB)
 */
import { verify, type KeyObject } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ClientIdentity } from 'fabric-shim';
import { ensureDemoMsp, loadMsp, Membership, SignatureVerifierPool, Wallet, type Creator } from '../msp';
import { EndorsementError, LedgerError, ReadConflictError } from '../errors';
import type {
  ChaincodeEvent,
  EventStream,
  EventStreamOptions,
  Ledger,
  Proposal,
  SubmitResult,
} from '../ledger';
import { encodeBlock, parseData, type ChannelConfig } from './block';
import { BlockStore } from './blockStore';
import { Committer, type CommitterOptions } from './committer';
import { ContractRuntime, type ContractClass } from './contractRuntime';
import { EventHub } from './eventHub';
import { PrivateDataStore } from './privateDataStore';
import { openRecoveredState } from './recovery';
import {
  certHash,
  computeTxId,
  proposalBytes,
  signProposal,
  transientMatches,
  type SignedProposal,
} from './signedProposal';
import { SimulationStub } from './simulationStub';
import type { EndorsedTx } from './txRecord';
import { WorldState } from './worldState';

export interface EmbeddedLedgerOptions extends CommitterOptions {
  /** Directory holding msp/, blocks/, state/ and pvtdata/ (created if missing). */
  readonly dataDir: string;
  /** The contract classes, as `chaincode/src/index.ts` exports them in `contracts`; the first is the default. */
  readonly contracts: readonly ContractClass[];
  /** Channel name recorded in proposals and block 0. Default `trace`. */
  readonly channelId?: string;
  /** Chaincode name (the namespace of query results). Default `trace`. */
  readonly chaincodeName?: string;
  /**
   * Worker threads that verify proposal signatures while the main thread simulates. Default: CPU count − 1
   * (at least 1); 0 verifies inline on the main thread.
   */
  readonly verifierThreads?: number;
  /** Set the state database aside and rebuild it from the blocks (it is also rebuilt if it cannot be opened). */
  readonly rebuildState?: boolean;
}

export class EmbeddedLedger implements Ledger {
  private closed = false;
  private readonly identityCache = new Map<string, ClientIdentity>();

  private constructor(
    private readonly channelId: string,
    private readonly chaincodeName: string,
    private readonly wallet: Wallet,
    private readonly membership: Membership,
    private readonly runtime: ContractRuntime,
    private readonly blocks: BlockStore,
    private readonly state: WorldState,
    private readonly pvt: PrivateDataStore,
    private readonly committer: Committer,
    private readonly hub: EventHub,
    private readonly verifier: SignatureVerifierPool | undefined,
  ) {}

  /** Open (creating on first use) the ledger in `options.dataDir`, recovering state from the block file. */
  static async open(options: EmbeddedLedgerOptions): Promise<EmbeddedLedger> {
    const channelId = options.channelId ?? 'trace';
    const chaincodeName = options.chaincodeName ?? 'trace';
    await mkdir(options.dataDir, { recursive: true });
    const mspDir = join(options.dataDir, 'msp');
    await ensureDemoMsp(mspDir);
    const msp = await loadMsp(mspDir);
    const runtime = new ContractRuntime(options.contracts);
    // The private data store's LevelDB lock is taken first: it makes this process the data directory's only
    // writer before the block file is touched (opening it may truncate a torn tail).
    const pvt = await PrivateDataStore.open(join(options.dataDir, 'pvtdata'));
    let blocks: BlockStore | undefined;
    let state: WorldState;
    try {
      blocks = await BlockStore.open(join(options.dataDir, 'blocks'));
      await pvt.truncate(blocks.height);
      if (blocks.height === 0) {
        const config: ChannelConfig = {
          channelId,
          orgs: msp.cas.map((ca) => ({ mspId: ca.mspId, caCert: ca.certPem })),
        };
        const { frame, headerHash } = encodeBlock(0, '', Buffer.from(JSON.stringify({ config }), 'utf8'));
        await blocks.append(frame, headerHash);
      }
      state = await openRecoveredState(join(options.dataDir, 'state'), blocks, pvt, options.rebuildState);
    } catch (err) {
      await blocks?.close();
      await pvt.close();
      throw err;
    }
    const store = blocks;
    const hub = new EventHub((n) => readBlockEvents(store, n));
    const committer = new Committer(
      state,
      store,
      pvt,
      (n, events) => {
        hub.publish(n, events);
      },
      options,
    );
    const threads = options.verifierThreads ?? Math.max(1, availableParallelism() - 1);
    const verifier = threads > 0 ? new SignatureVerifierPool(threads) : undefined;
    return new EmbeddedLedger(
      channelId,
      chaincodeName,
      new Wallet(msp.identities),
      new Membership(msp.cas),
      runtime,
      store,
      state,
      pvt,
      committer,
      hub,
      verifier,
    );
  }

  /** Sign `proposal` as its `user` (a wallet label). @throws LedgerError UNKNOWN_IDENTITY */
  sign(proposal: Proposal): SignedProposal {
    const identity = this.wallet.get(proposal.user);
    return signProposal(identity, {
      channelId: this.channelId,
      chaincodeName: this.chaincodeName,
      fn: proposal.fn,
      args: proposal.args,
      transient: proposal.transient,
    });
  }

  async submit(proposal: Proposal): Promise<SubmitResult> {
    return this.submitSigned(this.sign(proposal));
  }

  /** Endorse, order and commit a proposal signed elsewhere (what a peer receives). */
  async submitSigned(proposal: SignedProposal): Promise<SubmitResult> {
    const endorsed = await this.endorse(proposal);
    this.assertOpen();
    const outcome = await this.committer.submit(endorsed);
    if (outcome.code === 'DUPLICATE_TXID') throw duplicate(proposal.txId);
    if (outcome.code !== 'VALID') throw new ReadConflictError(outcome.code, proposal.txId);
    return { txId: proposal.txId, blockNumber: BigInt(outcome.blockNumber), result: endorsed.result };
  }

  async evaluate(proposal: Proposal): Promise<Uint8Array> {
    return this.evaluateSigned(this.sign(proposal));
  }

  /** Simulate a signed proposal and return its result; nothing is ordered. */
  async evaluateSigned(proposal: SignedProposal): Promise<Uint8Array> {
    return (await this.endorse(proposal)).result;
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async events(options: EventStreamOptions = {}): Promise<EventStream> {
    this.assertOpen();
    return this.hub.subscribe(this.committer.committedHeight, options.startBlock);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async identities(): Promise<readonly string[]> {
    return this.wallet.labels();
  }

  /** Number of blocks on the chain (block 0 is the channel configuration). */
  get height(): number {
    return this.committer.committedHeight;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.committer.drain();
    this.hub.closeAll();
    await this.verifier?.close();
    await this.pvt.close();
    await this.state.close();
    await this.blocks.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new LedgerError('LEDGER_CLOSED', 'the embedded ledger is closed');
  }

  /**
   * Check the creator, then simulate while its signature is verified on a worker thread; the result counts only
   * if the signature holds (a forged proposal costs a simulation, never a commit).
   * @throws LedgerError UNKNOWN_IDENTITY / BAD_SIGNATURE, EndorsementError
   */
  private async endorse(p: SignedProposal): Promise<EndorsedTx> {
    this.assertOpen();
    const creator: Creator = { mspid: p.mspId, idBytes: p.idBytes };
    const publicKey = this.membership.validate(creator);
    const bytes = proposalBytes(p, certHash(p.idBytes));
    const signatureOk = this.verifier
      ? this.verifier.verify(publicKey, bytes, p.signature)
      : Promise.resolve(verifyInline(bytes, publicKey, p.signature));
    if (
      computeTxId(p.nonce, p.idBytes) !== p.txId ||
      !transientMatches(p) ||
      p.channelId !== this.channelId
    ) {
      await signatureOk;
      throw new LedgerError(
        'BAD_SIGNATURE',
        `proposal ${p.txId} is malformed (txid, transient or channel mismatch)`,
      );
    }
    if (this.state.hasTx(p.txId)) {
      await signatureOk;
      throw duplicate(p.txId);
    }
    const stub = new SimulationStub(this.state, {
      txId: p.txId,
      channelId: p.channelId,
      chaincodeName: this.chaincodeName,
      creator,
      seconds: p.seconds,
      nanos: p.nanos,
      fn: p.fn,
      args: p.args,
      transient: p.transient,
    });
    let result: Uint8Array | undefined;
    let failure: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- structurally fabric-shim's ChaincodeStub
      result = await this.runtime.invoke(stub, p.fn, p.args, this.clientIdentity(stub, p));
    } catch (err) {
      failure = err;
    }
    const signatureHolds = await signatureOk;
    this.assertOpen();
    if (!signatureHolds) {
      throw new LedgerError('BAD_SIGNATURE', `signature of proposal ${p.txId} by ${p.mspId} does not verify`);
    }
    if (result === undefined) {
      throw new EndorsementError(failure instanceof Error ? failure.message : String(failure), {
        cause: failure,
      });
    }
    return { proposal: p, rwset: stub.rwset(), result, event: stub.chaincodeEvent() };
  }

  /**
   * fabric-shim's own ClientIdentity, built from the stub the first time a certificate is seen. It parses the
   * certificate (subject, issuer, attribute extension) once; reusing it is safe as it only reads the creator.
   */
  private clientIdentity(stub: SimulationStub, p: SignedProposal): ClientIdentity {
    const key = `${p.mspId}\n${certHash(p.idBytes)}`;
    let id = this.identityCache.get(key);
    if (!id) {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- structurally fabric-shim's ChaincodeStub
      id = new ClientIdentity(stub);
      this.identityCache.set(key, id);
    }
    return id;
  }
}

/** Fabric refuses a transaction ID it has seen (a replayed signed proposal); the gateway sees it as a refusal. */
function duplicate(txId: string): EndorsementError {
  return new EndorsementError(`DUPLICATE_TXID: transaction ${txId} was already submitted`);
}

function verifyInline(bytes: Uint8Array, publicKey: KeyObject, signature: Uint8Array): boolean {
  try {
    return verify('sha256', bytes, publicKey, signature);
  } catch {
    return false;
  }
}

async function readBlockEvents(blocks: BlockStore, n: number): Promise<ChaincodeEvent[]> {
  const data = parseData(await blocks.read(n));
  if (!('txs' in data)) return [];
  return data.txs
    .filter((tx) => tx.validationCode === 'VALID' && tx.event !== null)
    .map((tx) => ({
      blockNumber: BigInt(n),
      txId: tx.txId,
      eventName: tx.event![0],
      payload: Buffer.from(tx.event![1], 'base64'),
    }));
}
