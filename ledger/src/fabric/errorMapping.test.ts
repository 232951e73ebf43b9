import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import {
  CommitError,
  CommitStatusError,
  EndorseError,
  GatewayError,
  StatusCode,
  type ErrorDetail,
} from '@hyperledger/fabric-gateway';
// SubmitError is exported from the package index as a type only; the class lives here.
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';
import { EndorsementError, LedgerError, LedgerUnavailableError, ReadConflictError } from '../errors';
import { chaincodeMessageOf, isGatewayPeerUnreachable, toLedgerError } from './errorMapping';

/** A gRPC ServiceError as @grpc/grpc-js raises it: "<code> <NAME>: <details>". */
function serviceError(code: GrpcStatus, details: string): ServiceError {
  return Object.assign(new Error(`${code} ${GrpcStatus[code]}: ${details}`), {
    code,
    details,
    metadata: new Metadata(),
  });
}

/** The fields the client API copies from a ServiceError and the peer's ErrorDetails into every GatewayError. */
function wire(code: GrpcStatus, details: string, nodeDetails: ErrorDetail[] = []) {
  const cause = serviceError(code, details);
  return { code, details: nodeDetails, cause, message: cause.message };
}

const TX = 'a3f1c0de';

function endorsement(e: LedgerError): EndorsementError {
  if (!(e instanceof EndorsementError))
    throw new Error(`expected EndorsementError, got ${e.name} ${e.message}`);
  return e;
}
function readConflict(e: LedgerError): ReadConflictError {
  if (!(e instanceof ReadConflictError))
    throw new Error(`expected ReadConflictError, got ${e.name} ${e.message}`);
  return e;
}
const producers = (message: string): ErrorDetail => ({
  address: '127.0.0.1:7110',
  mspId: 'ProducersMSP',
  message,
});
const brands = (message: string): ErrorDetail => ({ address: '127.0.0.1:7130', mspId: 'BrandsMSP', message });

describe('Fabric error mapping', () => {
  describe('chaincode refusals', () => {
    it('extracts the thrown message from the first endorser of an endorse call', () => {
      const err = new EndorseError({
        ...wire(GrpcStatus.ABORTED, 'failed to endorse transaction, see attached details for more info', [
          producers(
            'chaincode response 500, ALREADY_EXISTS: product.gtin: 09506000134352 is already registered',
          ),
        ]),
        transactionId: TX,
      });
      const mapped = toLedgerError(err);
      expect(mapped).toBeInstanceOf(EndorsementError);
      expect(endorsement(mapped).chaincodeMessage).toBe(
        'ALREADY_EXISTS: product.gtin: 09506000134352 is already registered',
      );
      expect(endorsement(mapped).chaincodeCode).toBe('ALREADY_EXISTS');
      expect(mapped.cause).toBe(err);
    });

    it('extracts the message when a second organisation refuses while collecting endorsements', () => {
      const err = new EndorseError({
        ...wire(
          GrpcStatus.ABORTED,
          'failed to collect enough transaction endorsements, see attached details for more info',
          [
            brands(
              'chaincode response 500, FORBIDDEN: lot.recall: role carrier of LogisticsMSP may not lot.recall',
            ),
          ],
        ),
        transactionId: TX,
      });
      expect(endorsement(toLedgerError(err)).chaincodeCode).toBe('FORBIDDEN');
    });

    it('extracts the message of a refused evaluate from the gRPC status text when no details came back', () => {
      const err = new GatewayError(
        wire(
          GrpcStatus.UNKNOWN,
          'evaluate call to endorser returned error: chaincode response 500, NOT_FOUND: gtin: 09506000134352 does not exist',
        ),
      );
      expect(chaincodeMessageOf(err)).toBe('NOT_FOUND: gtin: 09506000134352 does not exist');
      expect(toLedgerError(err)).toBeInstanceOf(EndorsementError);
    });

    it("recognises older peers' wording of a chaincode failure", () => {
      const err = new EndorseError({
        ...wire(GrpcStatus.ABORTED, 'failed to endorse transaction', [
          producers('transaction returned with failure: INVALID_ARGUMENT: product: bad json'),
        ]),
        transactionId: TX,
      });
      expect(endorsement(toLedgerError(err)).chaincodeMessage).toBe('INVALID_ARGUMENT: product: bad json');
    });
  });

  describe('commit status', () => {
    it.each([
      [StatusCode.MVCC_READ_CONFLICT, 'MVCC_READ_CONFLICT'],
      [StatusCode.PHANTOM_READ_CONFLICT, 'PHANTOM_READ_CONFLICT'],
    ] as const)('maps validation code %s to a retryable ReadConflictError', (code, name) => {
      const mapped = toLedgerError(
        new CommitError({ code, transactionId: TX, message: `invalidated: ${name}` }),
      );
      expect(mapped).toBeInstanceOf(ReadConflictError);
      expect(mapped.code).toBe(name);
      expect(readConflict(mapped).txId).toBe(TX);
    });

    it('reports an endorsement policy failure at validation as a non-retryable endorsement failure', () => {
      const mapped = toLedgerError(
        new CommitError({
          code: StatusCode.ENDORSEMENT_POLICY_FAILURE,
          transactionId: TX,
          message: 'policy',
        }),
      );
      expect(mapped).not.toBeInstanceOf(ReadConflictError);
      expect(mapped).not.toBeInstanceOf(LedgerUnavailableError);
      expect(mapped.code).toBe('ENDORSEMENT_FAILED');
    });

    it('maps a bad creator signature to BAD_SIGNATURE', () => {
      expect(
        toLedgerError(new CommitError({ code: StatusCode.BAD_CREATOR_SIGNATURE, transactionId: TX })).code,
      ).toBe('BAD_SIGNATURE');
    });

    it('treats an unreadable commit status as unavailable: the outcome is unknown and a keyed retry is safe', () => {
      const err = new CommitStatusError({
        ...wire(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'),
        transactionId: TX,
      });
      expect(toLedgerError(err)).toBeInstanceOf(LedgerUnavailableError);
    });
  });

  describe('availability', () => {
    it('maps an unreachable gateway peer to LedgerUnavailableError and allows failover', () => {
      const err = new EndorseError({
        ...wire(GrpcStatus.UNAVAILABLE, 'No connection established'),
        transactionId: TX,
      });
      expect(toLedgerError(err)).toBeInstanceOf(LedgerUnavailableError);
      expect(isGatewayPeerUnreachable(err)).toBe(true);
    });

    it('maps an evaluate deadline to LedgerUnavailableError', () => {
      expect(
        toLedgerError(new GatewayError(wire(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'))),
      ).toBeInstanceOf(LedgerUnavailableError);
    });

    it('maps endorsers of other orgs being unreachable to LedgerUnavailableError, without failover', () => {
      const err = new EndorseError({
        ...wire(
          GrpcStatus.ABORTED,
          'failed to collect enough transaction endorsements, see attached details for more info',
          [
            brands(
              'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:7130: connect: connection refused"',
            ),
          ],
        ),
        transactionId: TX,
      });
      expect(toLedgerError(err)).toBeInstanceOf(LedgerUnavailableError);
      expect(isGatewayPeerUnreachable(err)).toBe(false);
    });

    it('maps too few live endorsers for the policy (discovery) to LedgerUnavailableError', () => {
      const err = new EndorseError({
        ...wire(
          GrpcStatus.FAILED_PRECONDITION,
          'no combination of peers can be derived which satisfy the endorsement policy: required chaincodes are not installed on sufficient peers',
        ),
        transactionId: TX,
      });
      expect(toLedgerError(err)).toBeInstanceOf(LedgerUnavailableError);
    });

    it('maps an orderer without a Raft leader to LedgerUnavailableError and never fails a submit over', () => {
      const err = new SubmitError({
        ...wire(GrpcStatus.ABORTED, 'received unsuccessful response from orderer: SERVICE_UNAVAILABLE', [
          {
            address: '127.0.0.1:7010',
            mspId: 'OrdererMSP',
            message: 'received unsuccessful response from orderer: SERVICE_UNAVAILABLE',
          },
        ]),
        transactionId: TX,
      });
      expect(toLedgerError(err)).toBeInstanceOf(LedgerUnavailableError);
      const unreachable = new SubmitError({
        ...wire(GrpcStatus.UNAVAILABLE, 'No connection established'),
        transactionId: TX,
      });
      expect(isGatewayPeerUnreachable(unreachable)).toBe(false);
    });
  });

  describe('everything else', () => {
    it('maps a peer refusing the creator to ACCESS_DENIED', () => {
      const err = new GatewayError(
        wire(
          GrpcStatus.FAILED_PRECONDITION,
          'evaluate call to endorser returned error: error validating proposal: access denied: channel [trace] creator org unknown, creator is malformed',
        ),
      );
      expect(toLedgerError(err).code).toBe('ACCESS_DENIED');
    });

    it('maps an endorsement refused for a revoked creator to ACCESS_DENIED, not to an outage', () => {
      // As a v3.1.5 peer answers a user whose certificate its org's CRL lists (test/fabric/revocation.test.ts).
      const denied = 'error validating proposal: access denied: channel [trace] creator org [ProducersMSP]';
      const err = new EndorseError({
        ...wire(GrpcStatus.ABORTED, 'failed to endorse transaction, see attached details for more info', [
          producers(denied),
          {
            address: '127.0.0.1:7120',
            mspId: 'ProducersMSP',
            message: `rpc error: code = Unknown desc = ${denied}`,
          },
        ]),
        transactionId: TX,
      });
      const mapped = toLedgerError(err);
      expect(mapped.code).toBe('ACCESS_DENIED');
      expect(mapped).not.toBeInstanceOf(LedgerUnavailableError);
      expect(mapped).not.toBeInstanceOf(EndorsementError);
    });

    it('maps a call cancelled by close() to LEDGER_CLOSED', () => {
      expect(toLedgerError(new GatewayError(wire(GrpcStatus.CANCELLED, 'Cancelled on client'))).code).toBe(
        'LEDGER_CLOSED',
      );
    });

    it('passes ledger errors through and wraps unknown failures without losing the cause', () => {
      const own = new LedgerError('UNKNOWN_IDENTITY', 'no identity');
      expect(toLedgerError(own)).toBe(own);
      const bug = new TypeError('boom');
      const mapped = toLedgerError(bug);
      expect(mapped).toBeInstanceOf(LedgerError);
      expect(mapped.cause).toBe(bug);
    });
  });
});
