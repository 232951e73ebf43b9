/**
 * Organisation certificate authorities and the user certificates they issue, shaped the way Fabric CA issues them:
 * ECDSA P-256, `OU=client` (Fabric NodeOUs classify the identity as a client) and the identity's attributes as
 * JSON in the Fabric attribute extension, which fabric-shim's `ClientIdentity` reads.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);

/** The X.509 extension in which Fabric CA stores enrolment attributes (`{"attrs":{...}}`), as fabric-shim reads it. */
export const FABRIC_ATTRS_OID = '1.2.3.4.5.6.7.8.1';
/** The attribute Trace's contract authorises by. */
export const ROLE_ATTRIBUTE = 'trace.role';

const EC_P256: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** An organisation CA: a PEM certificate and its PKCS#8 PEM private key (cryptogen's `ca/priv_sk` works as is). */
export interface CertificateAuthority {
  readonly mspId: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** An enrolled user: what a wallet holds. */
export interface IssuedIdentity {
  /** Wallet label, `<mspId>/<name>`. */
  readonly label: string;
  readonly mspId: string;
  readonly name: string;
  readonly role: string;
  readonly certPem: string;
  /** PKCS#8 PEM private key. */
  readonly keyPem: string;
}

/** Who to issue a certificate for. */
export interface IdentityRequest {
  readonly mspId: string;
  readonly name: string;
  /** Value of the `trace.role` attribute (`producer`, `processor`, `brand`, `regulator`, `logistics`, `retailer`). */
  readonly role: string;
}

/** Wallet label of a user: `<mspId>/<name>`. */
export function walletLabel(mspId: string, name: string): string {
  return `${mspId}/${name}`;
}

async function exportKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
}

async function importSigningKey(keyPem: string): Promise<webcrypto.CryptoKey> {
  const der = createPrivateKey(keyPem).export({ format: 'der', type: 'pkcs8' });
  return webcrypto.subtle.importKey('pkcs8', der, EC_P256, false, ['sign']);
}

function dnValue(s: string): string {
  // RFC 4514 special characters in a name would change the DN's structure.
  return s.replace(/[,=+<>#;"\\]/g, '_');
}

/** Create a self-signed ECDSA P-256 CA for an organisation. */
export async function createCertificateAuthority(mspId: string): Promise<CertificateAuthority> {
  const keys = await webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=ca.${dnValue(mspId)},O=${dnValue(mspId)}`,
    keys,
    signingAlgorithm: SIGNING,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + TEN_YEARS_MS),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { mspId, certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey) };
}

/**
 * Issue a client certificate signed by `ca`, carrying `OU=client` and `{"attrs":{"trace.role":role}}` in the
 * Fabric attribute extension. Works with a CA made by cryptogen (pass its `ca/*.pem` and `ca/priv_sk` contents).
 */
export async function issueIdentity(
  ca: CertificateAuthority,
  request: IdentityRequest,
): Promise<IssuedIdentity> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importSigningKey(ca.keyPem);
  const keys = await webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const attrs = JSON.stringify({ attrs: { [ROLE_ATTRIBUTE]: request.role } });
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${dnValue(request.name)},OU=client,O=${dnValue(request.mspId)}`,
    issuer: caCert.subject,
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: SIGNING,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + TEN_YEARS_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      new x509.Extension(FABRIC_ATTRS_OID, false, Buffer.from(attrs, 'utf8')),
    ],
  });
  return {
    label: walletLabel(request.mspId, request.name),
    mspId: request.mspId,
    name: request.name,
    role: request.role,
    certPem: cert.toString('pem'),
    keyPem: await exportKeyPem(keys.privateKey),
  };
}
