/**
 * The one error middleware: maps every typed error (HTTP problems, scan decoding, label rendering, chaincode
 * refusals, ledger outages, body parser limits) to RFC 7807 problem+json. Unknown errors are 500 and never leak
 * internals.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { ChaincodeError } from '../../../chaincode/src/api';
import { EndorsementError, LedgerError, ReadConflictError } from '../../../ledger/src';
import { ScanDecodeError } from '../scans/decode/scanDecodeError';
import { LabelError } from '../labels/labelError';
import { HttpProblem } from './problem';

/** Chaincode error codes (see chaincode/src/errors.ts) → HTTP status. */
const CHAINCODE_STATUS: Readonly<Record<string, number>> = {
  INVALID_ARGUMENT: 400,
  EVENT_ID_MISMATCH: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  RECALLED: 409,
};

export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof ScanDecodeError) {
    return new HttpProblem(400, error.code, 'Scan could not be decoded', error.message, error.field);
  }
  if (error instanceof LabelError) {
    return new HttpProblem(400, error.code, 'Bad request', error.reason, error.field);
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return new HttpProblem(
      400,
      'INVALID_REQUEST',
      'Bad request',
      issue?.message ?? 'invalid',
      issue?.path.join('.'),
    );
  }
  if (error instanceof ChaincodeError) {
    // Thrown by shared chaincode modules the gateway runs itself (identifier parsing, validation).
    return new HttpProblem(
      CHAINCODE_STATUS[error.code] ?? 400,
      error.code,
      'Bad request',
      error.reason,
      error.field,
    );
  }
  if (error instanceof EndorsementError) {
    const code = error.chaincodeCode ?? 'CHAINCODE_ERROR';
    const [, field, ...reason] = error.chaincodeMessage.split(': ');
    return new HttpProblem(
      CHAINCODE_STATUS[code] ?? 422,
      code,
      'Refused by the ledger',
      reason.join(': ') || error.chaincodeMessage,
      field,
    );
  }
  if (error instanceof ReadConflictError) {
    return new HttpProblem(
      409,
      error.code,
      'Concurrent update',
      'the ledger changed while this was processed; retry',
    );
  }
  if (error instanceof LedgerError && error.code === 'ACCESS_DENIED') {
    return new HttpProblem(
      403,
      error.code,
      'Identity refused by the ledger',
      "the network's peers refuse this member's certificate: revoked by its organisation's CA, expired, or not issued by a CA its organisation trusts",
    );
  }
  if (error instanceof LedgerError) {
    return new HttpProblem(
      503,
      error.code,
      'Ledger unavailable',
      'the ledger cannot be reached now; retry later',
    );
  }
  const status = (error as { status?: unknown; type?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // body-parser errors: entity.too.large, entity.parse.failed…
    const raw = (error as { type?: unknown }).type;
    const type = (typeof raw === 'string' ? raw : 'bad_request').replace(/\./g, '_').toUpperCase();
    return new HttpProblem(
      status,
      type,
      status === 413 ? 'Payload too large' : 'Bad request',
      (error as Error).message,
    );
  }
  return new HttpProblem(500, 'INTERNAL', 'Internal error', 'an unexpected error occurred');
}

export function sendProblem(res: Response, problem: HttpProblem, instance?: string): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify(problem.body(instance)));
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = toProblem(error);
  if (problem.status >= 500 && problem.code === 'INTERNAL')
    console.error('[gateway] unexpected error', error);
  if (res.headersSent) return;
  sendProblem(res, problem, req.originalUrl);
};
