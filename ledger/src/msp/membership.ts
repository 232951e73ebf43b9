/**
 * The verifying side of the MSP: which org CAs are trusted, whether a creator certificate chains to its org's CA,
 * and whether a signature by it is valid. Validated certificates are cached (by PEM) so the per-transaction cost is
 * one ECDSA verification.
 */
import { X509Certificate, verify, type KeyObject } from 'node:crypto';
import { LedgerError } from '../errors';
import type { CertificateAuthority } from './certificateAuthority';

/** A creator as Fabric serialises it: MSP ID and PEM certificate bytes. */
export interface Creator {
  readonly mspid: string;
  readonly idBytes: Uint8Array;
}

interface ValidatedCert {
  readonly mspId: string;
  readonly publicKey: KeyObject;
}

export class Membership {
  private readonly roots = new Map<string, X509Certificate>();
  private readonly cache = new Map<string, ValidatedCert>();
  /** Same cache by buffer identity: a wallet's certificate is the same buffer in every proposal it signs. */
  private readonly byBuffer = new WeakMap<Uint8Array, ValidatedCert>();

  constructor(cas: readonly CertificateAuthority[]) {
    for (const ca of cas) this.roots.set(ca.mspId, new X509Certificate(ca.certPem));
  }

  /** MSP IDs of the trusted organisations. */
  get mspIds(): readonly string[] {
    return [...this.roots.keys()];
  }

  /**
   * The creator's public key if its certificate was issued by its MSP's CA and is within its validity period.
   * @throws LedgerError UNKNOWN_IDENTITY otherwise.
   */
  validate(creator: Creator): KeyObject {
    const quick = this.byBuffer.get(creator.idBytes);
    if (quick?.mspId === creator.mspid) return quick.publicKey;
    const pem = Buffer.from(creator.idBytes).toString('utf8');
    const key = `${creator.mspid}\n${pem}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.byBuffer.set(creator.idBytes, hit);
      return hit.publicKey;
    }
    const root = this.roots.get(creator.mspid);
    if (!root) throw new LedgerError('UNKNOWN_IDENTITY', `unknown MSP ${creator.mspid}`);
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch (err) {
      throw new LedgerError('UNKNOWN_IDENTITY', `creator certificate does not parse`, { cause: err });
    }
    const now = Date.now();
    const valid =
      cert.checkIssued(root) &&
      cert.verify(root.publicKey) &&
      Date.parse(cert.validFrom) <= now &&
      now <= Date.parse(cert.validTo);
    if (!valid)
      throw new LedgerError('UNKNOWN_IDENTITY', `creator certificate is not issued by ${creator.mspid}'s CA`);
    const entry = { mspId: creator.mspid, publicKey: cert.publicKey };
    this.cache.set(key, entry);
    this.byBuffer.set(creator.idBytes, entry);
    return cert.publicKey;
  }

  /**
   * Check `signature` (DER ECDSA over SHA-256) of `bytes` by `creator`.
   * @throws LedgerError UNKNOWN_IDENTITY if the creator is not a member, BAD_SIGNATURE if the signature fails.
   */
  checkSignature(creator: Creator, bytes: Uint8Array, signature: Uint8Array): void {
    const publicKey = this.validate(creator);
    let ok: boolean;
    try {
      ok = verify('sha256', bytes, publicKey, signature);
    } catch {
      ok = false;
    }
    if (!ok) throw new LedgerError('BAD_SIGNATURE', `signature of ${creator.mspid} creator does not verify`);
  }
}
