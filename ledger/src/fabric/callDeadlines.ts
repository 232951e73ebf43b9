/**
 * Deadlines per Fabric Gateway call type. Each call gets its own deadline, computed when the call starts, so a
 * slow endorsement cannot eat the commit wait and a dead peer fails within seconds instead of hanging.
 */
import type { CallOptions } from '@grpc/grpc-js';
import type { ConnectOptions } from '@hyperledger/fabric-gateway';

/** Milliseconds allowed per call type. */
export interface CallDeadlines {
  /** A query on one peer. */
  readonly evaluateMs: number;
  /** Simulation on the gateway peer plus endorsement by enough other orgs to satisfy the policy. */
  readonly endorseMs: number;
  /** Handing the endorsed transaction to an orderer (not its commit). */
  readonly submitMs: number;
  /** Waiting for the block that commits the transaction: Raft consensus plus the batch timeout plus validation. */
  readonly commitStatusMs: number;
}

export const DEFAULT_CALL_DEADLINES: CallDeadlines = {
  evaluateMs: 5_000,
  endorseMs: 15_000,
  submitMs: 5_000,
  commitStatusMs: 60_000,
};

const within = (ms: number) => (): CallOptions => ({ deadline: Date.now() + ms });

/**
 * The per-call option suppliers of `connect()`. Chaincode events get none: the stream is long-lived by design and
 * ends only when the ledger closes it.
 */
export function deadlineOptions(
  d: CallDeadlines,
): Pick<ConnectOptions, 'evaluateOptions' | 'endorseOptions' | 'submitOptions' | 'commitStatusOptions'> {
  return {
    evaluateOptions: within(d.evaluateMs),
    endorseOptions: within(d.endorseMs),
    submitOptions: within(d.submitMs),
    commitStatusOptions: within(d.commitStatusMs),
  };
}
