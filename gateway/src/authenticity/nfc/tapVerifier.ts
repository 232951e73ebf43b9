/**
 * Verifies a tap URL with the keys of every brand this gateway serves (AN12196 §3.3–3.4 via scan/sunMessage):
 * the brand whose K_SDMMetaRead decrypts the PICC data to tag 0xC7 and whose diversified K_SDMFileRead
 * verifies the MAC is the tag's brand. Only cryptography here: replay and clone judgement is the ledger's.
 */
import { ScanDecodeError } from '../../scans/decode';
import { diversifyTagKey, verifySunMessage, type VerifiedSun } from '../sun';
import type { BrandKeySet, NfcKeyProvider } from './keyProvider';

/** A tap whose MAC verified under one brand's keys. */
export interface VerifiedTap extends VerifiedSun {
  readonly brand: Pick<BrandKeySet, 'keyId' | 'mspId' | 'signer'>;
}

/** Diversified keys are cached per brand and UID: one AN10922 derivation costs about as much as the MAC. */
const CACHE_LIMIT = 50_000;

export class TapVerifier {
  private readonly tagKeys = new Map<string, Buffer>();

  constructor(private readonly keys: NfcKeyProvider) {}

  private async fileReadKey(brand: BrandKeySet, uid: Buffer): Promise<Buffer> {
    const id = `${brand.keyId}/${uid.toString('hex')}`;
    const hit = this.tagKeys.get(id);
    if (hit) return hit;
    const key = await diversifyTagKey(brand.fileReadMasterKey.bytes(), {
      uid,
      applicationId: brand.applicationId,
      systemIdentifier: brand.systemIdentifier,
    });
    if (this.tagKeys.size >= CACHE_LIMIT) this.tagKeys.delete(this.tagKeys.keys().next().value!);
    this.tagKeys.set(id, key);
    return key;
  }

  /**
   * @throws {@link ScanDecodeError} `SUN_MALFORMED` for a URL that is not a SUN message, `SUN_MAC_MISMATCH` when
   * the MAC verifies under no brand's keys, `SUN_PICC_DATA_INVALID` when no brand's key decrypts the PICC data.
   */
  async verify(url: string): Promise<VerifiedTap> {
    let failure: ScanDecodeError | undefined;
    for (const brand of await this.keys.brands()) {
      try {
        const verified = await verifySunMessage(url, {
          metaReadKey: brand.metaReadKey.bytes(),
          fileReadKey: (uid) => this.fileReadKey(brand, uid),
        });
        return { ...verified, brand: { keyId: brand.keyId, mspId: brand.mspId, signer: brand.signer } };
      } catch (error) {
        if (!(error instanceof ScanDecodeError) || error.code === 'SUN_MALFORMED') throw error;
        // A MAC mismatch says more than "not our meta key": keep it as the answer if no brand verifies.
        if (failure === undefined || error.code === 'SUN_MAC_MISMATCH') failure = error;
      }
    }
    throw failure ?? new ScanDecodeError('SUN_PICC_DATA_INVALID', 'picc_data', 'no brand keys configured');
  }
}
