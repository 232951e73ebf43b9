/** Anti-counterfeit use cases of the gateway: public tap verdicts, member NFC scans, reports, the brand's inbox. */
export {
  AuthenticityService,
  NfcScanRequest,
  tapNotVerified,
  type AuthenticityDeps,
  type MemberScanOutcome,
} from './authenticityService';
export {
  PublicVerdict,
  PUBLIC_VERDICTS,
  MESSAGES,
  notVerified,
  statusOf,
  type PublicVerdictKind,
} from './publicVerdict';
export { renderVerdictPage, VERDICT_PAGE_CSP } from './verdictPage';
export { CommissionRequest, StatusRequest, RfidCheckRequest, InboxRequest } from './brandRequests';
export { authenticityPaths } from './openApiPaths';
