/** The Fabric implementation of the ledger interface: @hyperledger/fabric-gateway against a real network. */
export { FabricLedger, type FabricLedgerConfig } from './fabricLedger';
export {
  ConnectionProfile,
  NodeEndpoint,
  OrganizationProfile,
  loadConnectionProfile,
  parseConnectionProfile,
} from './connectionProfile';
export { DEFAULT_CALL_DEADLINES, type CallDeadlines } from './callDeadlines';
export { FabricConfigError, type FabricConfigErrorCode } from './fabricConfigError';
export { chaincodeMessageOf, isGatewayPeerUnreachable, toLedgerError } from './errorMapping';
