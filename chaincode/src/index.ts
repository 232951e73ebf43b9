/**
 * Chaincode entry point. `fabric-chaincode-node server` (chaincode as a service) and the embedded ledger both
 * load this module and run the same `contracts`.
 */
import { TagContract } from './contract/tagContract';
import { TraceContract } from './contract/traceContract';

export { TraceContract, TagContract };
export { Tx, ChaincodeEventName } from './contract/names';
export const contracts = [TraceContract, TagContract];
