/**
 * The ledger interface on a real Hyperledger Fabric network, through the peer Gateway service
 * (@hyperledger/fabric-gateway). Every Fabric call of the gateway goes through this class.
 *
 * - One gRPC client per peer endpoint ({@link GrpcClientPool}), one Gateway connection per (user, peer), each
 *   signing with the user's wallet key and connected to a peer of the user's own organisation — the Gateway
 *   service there simulates first, then uses service discovery to collect the endorsements the chaincode's policy
 *   needs (2 of 3 orgs on the Trace network) from the other organisations' peers.
 * - If a user's gateway peer cannot be reached at all, evaluation and endorsement move to the org's next peer
 *   (nothing was ordered yet, so that is safe); later failures are reported, not retried.
 * - Deadlines per call type ({@link CallDeadlines}); errors mapped once ({@link toLedgerError}).
 */
import {
  checkpointers,
  CommitError,
  connect,
  hash,
  signers,
  StatusCode,
  type Contract,
  type Gateway,
} from '@hyperledger/fabric-gateway';
import { LedgerError } from '../errors';
import type { EventStream, EventStreamOptions, Ledger, Proposal, SubmitResult } from '../ledger';
import { DEFAULT_CALL_DEADLINES, deadlineOptions, type CallDeadlines } from './callDeadlines';
import { chainHeight } from './chainHeight';
import { ChaincodeEventStream } from './chaincodeEventStream';
import { loadConnectionProfile, type ConnectionProfile, type NodeEndpoint } from './connectionProfile';
import { isGatewayPeerUnreachable, toLedgerError } from './errorMapping';
import { FabricConfigError } from './fabricConfigError';
import { GrpcClientPool } from './grpcClientPool';
import { loadWallet, type WalletIdentity } from './walletDirectory';

/** How to reach the network. */
export interface FabricLedgerConfig {
  /** Path of `connection.json` (see connectionProfile.ts), or the profile itself. */
  readonly connectionProfile: string | ConnectionProfile;
  /** Wallet directory; default: the profile's `wallet`. */
  readonly walletDir?: string;
  /** Wallet label that reads chaincode events; default: the first label of the wallet. */
  readonly eventIdentity?: string;
  /** Per-call deadlines in ms; defaults: evaluate 5 s, endorse 15 s, submit 5 s, commit status 60 s. */
  readonly deadlines?: Partial<CallDeadlines>;
}

function splitFn(fn: string): { contractName: string | undefined; txName: string } {
  const i = fn.lastIndexOf(':');
  return i < 0
    ? { contractName: undefined, txName: fn }
    : { contractName: fn.slice(0, i), txName: fn.slice(i + 1) };
}

function statusName(code: number): string {
  return Object.entries(StatusCode).find(([, v]) => v === code)?.[0] ?? String(code);
}

export class FabricLedger implements Ledger {
  private readonly pool = new GrpcClientPool();
  private readonly gateways = new Map<string, Gateway>();
  /** Per org: index of the peer currently used as gateway peer. */
  private readonly preferredPeer = new Map<string, number>();
  private readonly streams = new Set<ChaincodeEventStream>();
  private readonly deadlines: CallDeadlines;
  private closed = false;

  private constructor(
    readonly profile: ConnectionProfile,
    private readonly wallet: ReadonlyMap<string, WalletIdentity>,
    private readonly config: FabricLedgerConfig,
  ) {
    this.deadlines = { ...DEFAULT_CALL_DEADLINES, ...config.deadlines };
  }

  /**
   * Load the profile and wallet and check they agree. Dials nothing: gRPC connects on the first call, so a
   * gateway can start while the network is down and get {@link LedgerUnavailableError}s until it is up.
   * @throws FabricConfigError when the profile or wallet is missing, malformed or inconsistent.
   */
  static async connect(config: FabricLedgerConfig): Promise<FabricLedger> {
    const profile =
      typeof config.connectionProfile === 'string'
        ? await loadConnectionProfile(config.connectionProfile)
        : config.connectionProfile;
    const walletDir = config.walletDir ?? profile.wallet;
    const wallet = await loadWallet(walletDir);
    if (wallet.size === 0) throw new FabricConfigError('WALLET_INVALID', `no identities in ${walletDir}`);
    for (const id of wallet.values()) {
      if (!profile.organizations[id.mspId]) {
        throw new FabricConfigError(
          'WALLET_INVALID',
          `${id.label}: organisation ${id.mspId} is not in the connection profile`,
        );
      }
    }
    if (config.eventIdentity !== undefined && !wallet.has(config.eventIdentity)) {
      throw new FabricConfigError(
        'WALLET_INVALID',
        `eventIdentity ${config.eventIdentity} is not in ${walletDir}`,
      );
    }
    return new FabricLedger(profile, wallet, config);
  }

  async submit(proposal: Proposal): Promise<SubmitResult> {
    const { txName } = splitFn(proposal.fn);
    return this.withPeerFailover(proposal, async (contract) => {
      const submitted = await contract.submitAsync(txName, {
        ...this.proposalOptions(proposal),
        ...(proposal.transient ? { endorsingOrganizations: this.transientEndorsers(proposal.user) } : {}),
      });
      const status = await submitted.getStatus();
      if (!status.successful) {
        throw new CommitError({
          code: status.code,
          transactionId: status.transactionId,
          message: `transaction ${status.transactionId} invalidated at commit: ${statusName(status.code)}`,
        });
      }
      return { txId: status.transactionId, blockNumber: status.blockNumber, result: submitted.getResult() };
    });
  }

  async evaluate(proposal: Proposal): Promise<Uint8Array> {
    const { txName } = splitFn(proposal.fn);
    return this.withPeerFailover(proposal, (contract) =>
      contract.evaluate(txName, this.proposalOptions(proposal)),
    );
  }

  /**
   * Chaincode events of `profile.chaincode` from `startBlock` (inclusive; default: only new events), read as
   * {@link FabricLedgerConfig.eventIdentity}. The stream checkpoints each event its consumer has finished with
   * (in memory), so when the peer connection drops it re-subscribes after that event, not from `startBlock`.
   */
  events(options: EventStreamOptions = {}): Promise<EventStream> {
    // A throw inside the executor (closed ledger, unknown event identity) becomes the rejection.
    return new Promise((resolve) => {
      resolve(this.openStream(options));
    });
  }

  private openStream(options: EventStreamOptions): ChaincodeEventStream {
    this.assertOpen();
    const label = this.config.eventIdentity ?? [...this.wallet.keys()][0]!;
    const identity = this.identity(label);
    const checkpointer = checkpointers.inMemory();
    // The org's own peers first, then every other org's: chaincode events are in the blocks every peer of the
    // channel commits, and any channel member may read them. Found by SIGKILLing peer0.brands, the only peer of
    // the first wallet org: the stream re-subscribed to that dead peer alone, so the read model stood still until
    // it returned and every scan's answer waited out the read-your-writes wait (p50 0.3 s → 2.2 s).
    const own = this.profile.organizations[identity.mspId]!.peers;
    const first = this.preferredPeer.get(identity.mspId) ?? 0;
    const peers = [
      ...own.map((_, i) => own[(first + i) % own.length]!),
      ...Object.values(this.profile.organizations).flatMap((o) =>
        o.mspId === identity.mspId ? [] : o.peers,
      ),
    ];
    let startBlock = options.startBlock;
    let subscriptions = 0;
    const stream = new ChaincodeEventStream(
      async (checkpoint) => {
        this.assertOpen();
        // A re-subscription follows a lost stream: try the next peer in that order.
        const peer = peers[subscriptions++ % peers.length]!;
        const gateway = this.gatewayFor(identity, peer);
        // "Only new events" is pinned to the height at the first subscription, so a reconnect before the first
        // event cannot skip blocks committed while the stream was down.
        startBlock ??= await chainHeight(gateway, this.profile.channel);
        return gateway
          .getNetwork(this.profile.channel)
          .getChaincodeEvents(this.profile.chaincode, { startBlock, checkpoint });
      },
      checkpointer,
      (s) => this.streams.delete(s),
    );
    this.streams.add(stream);
    return stream;
  }

  identities(): Promise<readonly string[]> {
    return Promise.resolve([...this.wallet.keys()].sort());
  }

  /** Close event streams and Gateway connections, then the gRPC clients, whatever fails. Idempotent. */
  close(): Promise<void> {
    this.closed = true;
    try {
      for (const stream of [...this.streams]) stream.close();
      for (const gateway of this.gateways.values()) gateway.close();
    } finally {
      this.streams.clear();
      this.gateways.clear();
      this.pool.close();
    }
    return Promise.resolve();
  }

  private proposalOptions(p: Proposal): { arguments: string[]; transientData?: Record<string, Uint8Array> } {
    return { arguments: [...p.args], ...(p.transient ? { transientData: { ...p.transient } } : {}) };
  }

  /**
   * Who endorses a proposal carrying transient data. Trace writes such data to the caller's own org collection,
   * and the Gateway service refuses to pick endorsers outside a collection's members when transient data would
   * reach them (FAILED_PRECONDITION "retry specifying trusted endorsing organizations"); yet the chaincode policy
   * needs two orgs (OutOf(2, …) on the Trace network). So name them: the caller's org and the profile's first
   * other org, which then sees the transient data during simulation (it does not store it).
   */
  private transientEndorsers(user: string): string[] {
    const own = this.identity(user).mspId;
    const others = Object.keys(this.profile.organizations).filter((mspId) => mspId !== own);
    return [own, ...others.slice(0, 1)];
  }

  /** Run `call` on the user's gateway peer; if that peer is unreachable, on the org's next one. Errors mapped. */
  private async withPeerFailover<T>(
    proposal: Proposal,
    call: (contract: Contract) => Promise<T>,
  ): Promise<T> {
    this.assertOpen();
    const identity = this.identity(proposal.user);
    const { contractName } = splitFn(proposal.fn);
    const peers = this.profile.organizations[identity.mspId]!.peers;
    const first = this.preferredPeer.get(identity.mspId) ?? 0;
    let lastError: unknown;
    for (let attempt = 0; attempt < peers.length; attempt++) {
      const index = (first + attempt) % peers.length;
      const contract = this.gatewayFor(identity, peers[index]!)
        .getNetwork(this.profile.channel)
        .getContract(this.profile.chaincode, contractName);
      try {
        const result = await call(contract);
        this.preferredPeer.set(identity.mspId, index);
        return result;
      } catch (err) {
        lastError = err;
        if (!isGatewayPeerUnreachable(err) || this.closed) break;
      }
    }
    throw toLedgerError(lastError);
  }

  private gatewayFor(identity: WalletIdentity, peer: NodeEndpoint): Gateway {
    const key = `${identity.label}@${peer.endpoint}`;
    let gateway = this.gateways.get(key);
    if (!gateway) {
      gateway = connect({
        client: this.pool.clientFor(peer),
        identity: { mspId: identity.mspId, credentials: identity.credentials },
        signer: signers.newPrivateKeySigner(identity.privateKey),
        hash: hash.sha256,
        ...deadlineOptions(this.deadlines),
      });
      this.gateways.set(key, gateway);
    }
    return gateway;
  }

  private identity(label: string): WalletIdentity {
    const id = this.wallet.get(label);
    if (!id) throw new LedgerError('UNKNOWN_IDENTITY', `no identity ${label} in the wallet`);
    return id;
  }

  private assertOpen(): void {
    if (this.closed) throw new LedgerError('LEDGER_CLOSED', 'the Fabric ledger is closed');
  }
}
