/**
 * The one place where Fabric's errors become the ledger's typed errors (`../errors`).
 *
 * What the peer's Gateway service sends (Fabric v2.5 `internal/pkg/gateway`):
 * - Endorse: when the chaincode refuses on the first (own-org) endorser → gRPC ABORTED "failed to endorse
 *   transaction, see attached details for more info"; when a later endorser refuses → ABORTED "failed to collect
 *   enough transaction endorsements, …". Each `ErrorDetail.message` is `chaincode response 500, <thrown message>`.
 * - Evaluate: gRPC UNKNOWN "evaluate call to endorser returned error: chaincode response 500, <message>", same detail.
 * - A peer that cannot be reached appears as a detail `rpc error: code = Unavailable desc = …`; not enough live
 *   endorsers for the policy as FAILED_PRECONDITION from discovery; an orderer that refuses for lack of a Raft
 *   leader as ABORTED "received unsuccessful response from orderer: SERVICE_UNAVAILABLE".
 * - A creator the channel MSP does not accept (revoked by the org's CRL, expired, or not from a CA the MSP trusts)
 *   or whose signature fails: the endorser answers only "access denied: channel [c] creator org [MSP]" (it logs
 *   the reason, e.g. "The certificate has been revoked", but never tells the client), relayed as
 *   FAILED_PRECONDITION (evaluate) or ABORTED (endorse) with that detail.
 * - Commit: not a gRPC error but a transaction validation code, which the client API raises as CommitError.
 * Older peers phrase a chaincode refusal as `transaction returned with failure: <message>`; both are recognised.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { EndorsementError, LedgerError, LedgerUnavailableError, ReadConflictError } from '../errors';

// GatewayError.code is a plain number holding a gRPC status code.
const UNAVAILABLE: number = GrpcStatus.UNAVAILABLE;
const CANCELLED: number = GrpcStatus.CANCELLED;
const TRANSIENT_CODES = new Set<number>([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.RESOURCE_EXHAUSTED,
]);
const REFUSED_CODES = new Set<number>([GrpcStatus.PERMISSION_DENIED, GrpcStatus.UNAUTHENTICATED]);
const CHAINCODE_MESSAGE = [
  /chaincode response \d+, ([\s\S]*)$/,
  /transaction returned with failure: ([\s\S]*)$/,
];
const UNREACHABLE =
  /code = (Unavailable|DeadlineExceeded)|connection refused|SERVICE_UNAVAILABLE|context deadline exceeded/;
const NOT_ENOUGH_ENDORSERS =
  /no combination of peers|endorsement policy|no endorsing peers|no peers available|failed to find any endorsing peers|no endorsers found/;
const ACCESS_DENIED =
  /access denied|creator certificate is not valid|signature.*(invalid|verification failed)/i;

/** The message the chaincode threw, as Fabric relays it in an endorse or evaluate failure, if it is one. */
export function chaincodeMessageOf(err: GatewayError): string | undefined {
  const texts = [...err.details.map((d) => d.message), err.cause?.details, err.message];
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    for (const pattern of CHAINCODE_MESSAGE) {
      const found = pattern.exec(text)?.[1];
      if (found !== undefined) return found.trim();
    }
  }
  return undefined;
}

function describe(err: GatewayError): string {
  const details = err.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`).join('; ');
  return details ? `${err.message} [${details}]` : err.message;
}

function fromCommitError(err: CommitError): LedgerError {
  switch (err.code) {
    case StatusCode.MVCC_READ_CONFLICT:
      return new ReadConflictError('MVCC_READ_CONFLICT', err.transactionId, { cause: err });
    case StatusCode.PHANTOM_READ_CONFLICT:
      return new ReadConflictError('PHANTOM_READ_CONFLICT', err.transactionId, { cause: err });
    case StatusCode.BAD_CREATOR_SIGNATURE:
      return new LedgerError('BAD_SIGNATURE', err.message, { cause: err });
    default:
      // ENDORSEMENT_POLICY_FAILURE and the structural codes: ordered but invalid, and retrying the same
      // proposal would fail the same way.
      return new LedgerError('ENDORSEMENT_FAILED', err.message, { cause: err });
  }
}

function fromGatewayError(err: GatewayError): LedgerError {
  // A chaincode refusal wins over everything else: it is the answer, not a transport failure.
  const chaincodeMessage = chaincodeMessageOf(err);
  if (chaincodeMessage !== undefined) return new EndorsementError(chaincodeMessage, { cause: err });

  const text = describe(err);
  if (TRANSIENT_CODES.has(err.code)) return new LedgerUnavailableError(text, { cause: err });
  if (err.code === CANCELLED) return new LedgerError('LEDGER_CLOSED', text, { cause: err });
  if (REFUSED_CODES.has(err.code) || ACCESS_DENIED.test(text))
    return new LedgerError('ACCESS_DENIED', text, { cause: err });
  if (err.details.length > 0 && err.details.every((d) => UNREACHABLE.test(d.message))) {
    return new LedgerUnavailableError(text, { cause: err });
  }
  if (UNREACHABLE.test(err.message) || NOT_ENOUGH_ENDORSERS.test(text))
    return new LedgerUnavailableError(text, { cause: err });
  // The transaction may have committed, but its status could not be read: the caller retries with the same
  // idempotency key, which the contract deduplicates.
  if (err.name === 'CommitStatusError') return new LedgerUnavailableError(text, { cause: err });
  return new LedgerError('ENDORSEMENT_FAILED', text, { cause: err });
}

/**
 * True when the gateway peer itself could not be reached before anything was sent on: gRPC UNAVAILABLE with no
 * details (details come only from a peer that answered) on an evaluate or endorse call. Then trying another peer of
 * the same org is safe. Never true for SubmitError or CommitStatusError, where the transaction may be ordered.
 */
export function isGatewayPeerUnreachable(err: unknown): boolean {
  return (
    err instanceof GatewayError &&
    err.name !== 'SubmitError' &&
    err.name !== 'CommitStatusError' &&
    err.code === UNAVAILABLE &&
    err.details.length === 0
  );
}

/**
 * Map anything a Fabric Gateway call throws to a ledger error:
 * - `LedgerError` → itself;
 * - `CommitError` MVCC_READ_CONFLICT / PHANTOM_READ_CONFLICT → {@link ReadConflictError} (safe to retry);
 *   BAD_CREATOR_SIGNATURE → `BAD_SIGNATURE`; other validation codes → `LedgerError('ENDORSEMENT_FAILED')`;
 * - any `GatewayError` (EndorseError, SubmitError, CommitStatusError, evaluate's plain GatewayError) carrying a
 *   chaincode message → {@link EndorsementError} with that message;
 * - UNAVAILABLE / DEADLINE_EXCEEDED / RESOURCE_EXHAUSTED, unreachable endorsers, too few live endorsers for the
 *   policy, an orderer without a leader, an unreadable commit status → {@link LedgerUnavailableError};
 * - CANCELLED (the ledger closed the call) → `LEDGER_CLOSED`; PERMISSION_DENIED, UNAUTHENTICATED or the endorser's
 *   "access denied" (a revoked, expired or untrusted creator) → `ACCESS_DENIED`;
 * - anything else → `LedgerError('ENDORSEMENT_FAILED')` with the cause attached.
 */
export function toLedgerError(err: unknown): LedgerError {
  if (err instanceof LedgerError) return err;
  if (err instanceof CommitError) return fromCommitError(err);
  if (err instanceof GatewayError) return fromGatewayError(err);
  const message = err instanceof Error ? err.message : String(err);
  return new LedgerError('ENDORSEMENT_FAILED', `unexpected ledger failure: ${message}`, { cause: err });
}
