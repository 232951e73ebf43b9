/**
 * Where a brand's NTAG 424 DNA keys come from. Keys live only with the brand's gateway — never on the ledger,
 * never in logs — behind this interface, so a KMS or HSM can replace the key file without touching the rest.
 */
import type { SecretKey } from './secretKey';

/** One brand's SUN keys and the ledger identity that signs its consumers' taps. */
export interface BrandKeySet {
  /** Names the key generation, e.g. `maison-2026`; shown in logs instead of keys. */
  readonly keyId: string;
  /** The brand's organisation (MSP ID): owner of its tags and of its alerts. */
  readonly mspId: string;
  /** Wallet label the gateway signs anonymous taps and reports with, e.g. `BrandsMSP/brand`. */
  readonly signer: string;
  /** K_SDMMetaRead, shared by the brand's tags: the UID is unknown until PICC data is decrypted (AN12196 §3.3). */
  readonly metaReadKey: SecretKey;
  /** Master key from which each tag's K_SDMFileRead is diversified over its UID (AN10922 §2.2). */
  readonly fileReadMasterKey: SecretKey;
  /** AN10922 diversification input after the UID: application ID then system identifier. */
  readonly applicationId: Buffer;
  readonly systemIdentifier: Buffer;
}

export interface NfcKeyProvider {
  /** Every brand whose tags this gateway verifies. */
  brands(): Promise<readonly BrandKeySet[]>;
}
