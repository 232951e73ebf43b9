/** The embedded ledger: Fabric semantics in-process, durable under one data directory. */
export { EmbeddedLedger, type EmbeddedLedgerOptions } from './embeddedLedger';
export type { ContractClass } from './contractRuntime';
export type { SignedProposal } from './signedProposal';
export { createCompositeKey, splitCompositeKey } from './compositeKey';
export { verifyChain, type VerifyReport, type VerifyOptions } from './verifyChain';
