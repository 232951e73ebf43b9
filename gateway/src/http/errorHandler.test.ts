import { EndorsementError, LedgerError, LedgerUnavailableError } from '../../../ledger/src';
import { toProblem } from './errorHandler';

describe('ledger errors as problem+json', () => {
  it('answers an identity the network refuses (revoked, expired, untrusted) with 403 ACCESS_DENIED', () => {
    const problem = toProblem(
      new LedgerError('ACCESS_DENIED', 'access denied: channel [trace] creator org [ProducersMSP]'),
    );
    expect(problem.status).toBe(403);
    expect(problem.body()).toMatchObject({
      status: 403,
      code: 'ACCESS_DENIED',
      title: 'Identity refused by the ledger',
    });
    // Fabric's own wording stays in the server's logs, not in the answer.
    expect(problem.body().detail).not.toContain('ProducersMSP');
  });

  it('keeps an outage a 503 and a chaincode refusal its own status', () => {
    expect(toProblem(new LedgerUnavailableError('no peers')).status).toBe(503);
    expect(
      toProblem(new EndorsementError('FORBIDDEN: lot.recall: role carrier may not lot.recall')).status,
    ).toBe(403);
  });
});
