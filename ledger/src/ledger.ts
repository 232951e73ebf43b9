/**
 * The one small interface the gateway uses to reach a ledger. Two implementations sit side by side:
 * `embedded/` (in-process, durable, Fabric semantics) and `fabric/` (@hyperledger/fabric-gateway).
 * Neither the gateway's routes nor its use cases know which one they talk to.
 */

/** A transaction proposal, signed by the enrolled identity `user` (a wallet label such as `ProducersMSP/farmer`). */
export interface Proposal {
  /** Wallet label of the enrolled identity that signs: `<mspId>/<name>`. */
  readonly user: string;
  /** Transaction function name, optionally qualified by contract: `recordEvent` or `TraceContract:recordEvent`. */
  readonly fn: string;
  /** String arguments, exactly as Fabric passes them. */
  readonly args: readonly string[];
  /** Transient data (Fabric's transient map): private inputs that never reach the block. */
  readonly transient?: Readonly<Record<string, Uint8Array>>;
}

/** The outcome of a committed, valid transaction. */
export interface SubmitResult {
  readonly txId: string;
  readonly blockNumber: bigint;
  /** The chaincode function's return value (UTF-8 JSON for Trace's contract). */
  readonly result: Uint8Array;
}

/** A chaincode event from a committed, valid transaction (Fabric keeps at most one per transaction). */
export interface ChaincodeEvent {
  readonly blockNumber: bigint;
  readonly txId: string;
  readonly eventName: string;
  readonly payload: Uint8Array;
}

export interface EventStreamOptions {
  /** Deliver events from this block on (inclusive); default: only new events. */
  readonly startBlock?: bigint;
}

/** A stream of chaincode events that can be stopped. */
export interface EventStream extends AsyncIterable<ChaincodeEvent> {
  close(): void;
}

export interface Ledger {
  /** Endorse, order and commit; resolves only once the transaction is durably committed and valid. */
  submit(proposal: Proposal): Promise<SubmitResult>;
  /** Run a read-only query on current state; nothing is ordered or committed. */
  evaluate(proposal: Proposal): Promise<Uint8Array>;
  /** Chaincode events of committed valid transactions, in commit order. */
  events(options?: EventStreamOptions): Promise<EventStream>;
  /** Wallet labels of the identities this ledger can sign for. */
  identities(): Promise<readonly string[]>;
  close(): Promise<void>;
}
