/** Identities: org CAs, Fabric-CA-shaped user certificates with `trace.role`, the wallet and the MSP verifier. */
export {
  createCertificateAuthority,
  issueIdentity,
  walletLabel,
  FABRIC_ATTRS_OID,
  ROLE_ATTRIBUTE,
  type CertificateAuthority,
  type IdentityRequest,
  type IssuedIdentity,
} from './certificateAuthority';
export { DEMO_ORGS, type DemoOrg, type DemoUser } from './demoOrgs';
export { ensureDemoMsp, loadMsp, type MspMaterial } from './mspStore';
export { Membership, type Creator } from './membership';
export { Wallet, type SigningIdentity } from './wallet';
export { SignatureVerifierPool } from './signatureVerifierPool';
