/**
 * The ledger package's public face: the one small interface the gateway talks to (submit, evaluate, events) and
 * its typed errors. The implementations and the MSP are imported by their own paths (`ledger/src/embedded`,
 * `ledger/src/fabric`, `ledger/src/msp`), so a gateway on one never loads the other. This package imports nothing
 * from `gateway/` or `chaincode/`: contracts are injected.
 */
export type {
  ChaincodeEvent,
  EventStream,
  EventStreamOptions,
  Ledger,
  Proposal,
  SubmitResult,
} from './ledger';
export {
  EndorsementError,
  LedgerError,
  LedgerUnavailableError,
  ReadConflictError,
  type LedgerErrorCode,
} from './errors';
