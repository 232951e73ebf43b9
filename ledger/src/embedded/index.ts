/**
 * The embedded ledger: Trace's fabric-contract-api contracts run in-process with Fabric's semantics, durable
 * under one data directory.
 *
 * ```ts
 * const ledger = await EmbeddedLedger.open({ dataDir, contracts }); // contracts from chaincode/src
 * await ledger.submit({ user: 'ProducersMSP/farmer', fn: 'RecordEvents', args: [json] });
 * ```
 *
 * Layout of `dataDir`: `msp/` (org CAs and demo users, created on first open), `blocks/blockfile_000000`
 * (hash-chained blocks), `state/` (world state, history, tx index; rebuilt from blocks when lost), `pvtdata/`
 * (private values). Audit with `verifyChain(dataDir)` or `node dist/ledger/src/cli/verify.js --data <dataDir>`.
 */
export { EmbeddedLedger, type EmbeddedLedgerOptions } from './embeddedLedger';
export type { ContractClass } from './contractRuntime';
export type { SignedProposal } from './signedProposal';
export { createCompositeKey, splitCompositeKey } from './compositeKey';
export { verifyChain, type VerifyReport, type VerifyOptions } from './verifyChain';
