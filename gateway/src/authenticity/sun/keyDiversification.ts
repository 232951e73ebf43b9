/**
 * NXP AN10922 §2.2 AES-128 key diversification: a per-tag key from a brand master key, so one tag's key
 * read out of silicon does not unlock the others.
 */
import { aesCbcEncrypt, cmacSubkeys } from './aesPrimitives';
import { ScanDecodeError } from '../../scans/decode/scanDecodeError';

/** What distinguishes one tag's key from another's (AN10922 §2.2.1 uses all three). */
export interface TagDiversificationInput {
  /** Tag UID (7 bytes for NTAG 424 DNA). */
  readonly uid: Uint8Array;
  /** Application identifier; for NTAG 424 DNA, Trace uses the NDEF application's ISO DF name. Default empty. */
  readonly applicationId?: Uint8Array;
  /** System identifier naming the deployment (e.g. ASCII of the brand). Default empty. */
  readonly systemIdentifier?: Uint8Array;
}

/** AN10922 diversification constant for an AES-128 key. */
const DIV_CONSTANT_AES128 = 0x01;
const ZERO_IV = Buffer.alloc(16);

/**
 * AN10922 AES-128 diversification of `masterKey` over diversification input M (1–31 bytes).
 *
 * Unlike plain CMAC, AN10922 always works on two blocks: D = 0x01 ‖ M is padded with 0x80 00… to 32 bytes and
 * the last block masked with K2, or, when D is exactly 32 bytes, masked with K1; the key is the CBC-MAC of D.
 * @throws {@link ScanDecodeError} `KEY_INVALID` when the key is not 16 bytes or M is not 1–31 bytes.
 */
export async function diversifyAes128(
  masterKey: Uint8Array,
  diversificationInput: Uint8Array,
): Promise<Buffer> {
  if (masterKey.length !== 16) {
    throw new ScanDecodeError('KEY_INVALID', 'masterKey', 'AES-128 key must be 16 bytes');
  }
  if (diversificationInput.length < 1 || diversificationInput.length > 31) {
    throw new ScanDecodeError('KEY_INVALID', 'diversificationInput', 'AN10922 input M must be 1-31 bytes');
  }
  const { k1, k2 } = await cmacSubkeys(masterKey);
  const d = Buffer.alloc(32);
  d[0] = DIV_CONSTANT_AES128;
  Buffer.from(diversificationInput).copy(d, 1);
  const padded = diversificationInput.length < 31;
  if (padded) d[1 + diversificationInput.length] = 0x80;
  const mask = padded ? k2 : k1;
  for (let i = 0; i < 16; i++) d[16 + i] = d[16 + i]! ^ mask[i]!;
  return aesCbcEncrypt(masterKey, ZERO_IV, d).subarray(16, 32);
}

/** A tag's key: AN10922 AES-128 over M = UID ‖ application id ‖ system identifier. */
export async function diversifyTagKey(
  masterKey: Uint8Array,
  input: TagDiversificationInput,
): Promise<Buffer> {
  const m = Buffer.concat([
    input.uid,
    input.applicationId ?? Buffer.alloc(0),
    input.systemIdentifier ?? Buffer.alloc(0),
  ]);
  return diversifyAes128(masterKey, m);
}
