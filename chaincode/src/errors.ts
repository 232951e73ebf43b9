/**
 * Only a thrown error's message crosses the wire from chaincode to client, so every refusal starts its message
 * with a stable code (`LOT_NOT_FOUND: …`) that the gateway maps to an HTTP status, then names the field.
 */
export type ChaincodeErrorCode =
  | 'INVALID_ARGUMENT'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'CONFLICT'
  | 'EVENT_ID_MISMATCH'
  | 'RECALLED';

export class ChaincodeError extends Error {
  override readonly name = 'ChaincodeError';
  constructor(
    readonly code: ChaincodeErrorCode,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${code}: ${field}: ${reason}`);
  }
}

export const invalid = (field: string, reason: string): ChaincodeError =>
  new ChaincodeError('INVALID_ARGUMENT', field, reason);

export const notFound = (field: string, id: string): ChaincodeError =>
  new ChaincodeError('NOT_FOUND', field, `${id} does not exist`);
