/**
 * NTAG 424 DNA Secure Unique NFC (SUN) message verification, AES mode (NXP AN12196 §3.3–3.4): proves a tap URL
 * came from a genuine tap of one tag at one read counter. It only verifies; judging replay (counter not above
 * the last accepted one) is the ledger's job.
 *
 * Hex case: the tag mirrors upper-case hex, and with `enc` the MAC covers the exact ASCII of the URL. Trace
 * therefore accepts upper-case hex only (lower-case is SUN_MALFORMED), so one tap has exactly one valid URL
 * spelling and nothing is re-cased before MACing.
 */
import { timingSafeEqual } from 'node:crypto';
import { aesCbcDecrypt, aesCmac, aesEcbEncrypt } from './aesPrimitives';
import { ScanDecodeError } from '../../scans/decode/scanDecodeError';

/** Query parameter names the tag's SDM mirror is configured with. */
export interface SunParamNames {
  readonly piccData: string;
  readonly enc: string;
  readonly cmac: string;
}

/** The defaults of AN12196's examples. */
export const DEFAULT_SUN_PARAMS: SunParamNames = { piccData: 'picc_data', enc: 'enc', cmac: 'cmac' };

/** The parts of a tap URL, before any cryptography. */
export interface SunMessage {
  readonly piccData: Buffer;
  readonly enc?: Buffer;
  readonly cmac: Buffer;
  /** The exact ASCII the tag MACed: empty, or the enc hex through `&{cmac}=`. */
  readonly macInput: string;
}

/** Keys for verification. */
export interface SunKeys {
  /**
   * K_SDMMetaRead (16 bytes), which decrypts picc_data. Necessarily shared by a brand's tags: the UID is not known
   * until picc_data is decrypted.
   */
  readonly metaReadKey: Uint8Array;
  /** K_SDMFileRead (16 bytes), or a function giving it for the decrypted UID (for diversified keys). */
  readonly fileReadKey: Uint8Array | ((uid: Buffer) => Uint8Array | Promise<Uint8Array>);
}

/** Options for {@link verifySunMessage} and {@link parseSunUrl}. */
export interface SunOptions {
  readonly params?: Partial<SunParamNames>;
}

/** A verified tap. */
export interface VerifiedSun {
  /** 7-byte UID, upper-case hex. */
  readonly uid: string;
  /** 24-bit SDM read counter. */
  readonly counter: number;
  /** Decrypted SDM file data, when the URL carried `enc`. */
  readonly fileData?: Buffer;
}

const MAX_URL_LENGTH = 2048;
/** Encrypted file data is whole AES blocks; 256 bytes is more than an NTAG 424 DNA NDEF file can mirror. */
const MAX_ENC_HEX = 512;
const PICC_TAG_UID_AND_COUNTER = 0xc7;
const SV_MAC_PREFIX = Buffer.from('3CC300010080', 'hex');
const SV_ENC_PREFIX = Buffer.from('C33C00010080', 'hex');
const ZERO_IV = Buffer.alloc(16);

function malformed(field: string, message: string): ScanDecodeError {
  return new ScanDecodeError('SUN_MALFORMED', field, message);
}

function upperHex(field: string, value: string, pattern: RegExp, what: string): Buffer {
  if (!pattern.test(value)) throw malformed(field, `${field} must be ${what} upper-case hex characters`);
  return Buffer.from(value, 'hex');
}

/**
 * Splits a tap URL (absolute, or a path with query such as Express's `req.originalUrl`) into its SUN parts,
 * keeping the raw text so the MAC input is exactly what the tag MACed.
 * @throws {@link ScanDecodeError} `SUN_MALFORMED`.
 */
export function parseSunUrl(url: unknown, options: SunOptions = {}): SunMessage {
  const names = { ...DEFAULT_SUN_PARAMS, ...options.params };
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) {
    throw malformed('url', `expected a URL of at most ${MAX_URL_LENGTH} characters`);
  }
  const queryStart = url.indexOf('?');
  if (queryStart < 0) throw malformed('url', 'no query string');
  const hashAt = url.indexOf('#', queryStart);
  const query = url.slice(queryStart + 1, hashAt < 0 ? url.length : hashAt);

  /** Offset of each wanted parameter's value within `query`, and the value's raw text. */
  const found = new Map<string, { at: number; value: string }>();
  let offset = 0;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (name === names.piccData || name === names.enc || name === names.cmac) {
      if (found.has(name)) throw malformed(name, `${name} appears more than once`);
      found.set(name, { at: offset + eq + 1, value: eq < 0 ? '' : pair.slice(eq + 1) });
    }
    offset += pair.length + 1;
  }
  const picc = found.get(names.piccData);
  const mac = found.get(names.cmac);
  const enc = found.get(names.enc);
  if (picc === undefined) throw malformed(names.piccData, `${names.piccData} is missing`);
  if (mac === undefined) throw malformed(names.cmac, `${names.cmac} is missing`);

  const piccData = upperHex(names.piccData, picc.value, /^[0-9A-F]{32}$/, '32');
  const cmac = upperHex(names.cmac, mac.value, /^[0-9A-F]{16}$/, '16');
  if (enc === undefined) return { piccData, cmac, macInput: '' };

  const encData = upperHex(
    names.enc,
    enc.value,
    new RegExp(`^(?:[0-9A-F]{32}){1,${MAX_ENC_HEX / 32}}$`),
    'a multiple of 32 (at most 512)',
  );
  // AN12196 §3.4.4: the MAC input starts at the mirrored file data and runs up to the MAC itself.
  if (enc.at > mac.at) throw malformed(names.enc, `${names.enc} must come before ${names.cmac}`);
  return { piccData, enc: encData, cmac, macInput: query.slice(enc.at, mac.at) };
}

async function resolveFileReadKey(keys: SunKeys, uid: Buffer): Promise<Uint8Array> {
  const key = typeof keys.fileReadKey === 'function' ? await keys.fileReadKey(uid) : keys.fileReadKey;
  if (!(key instanceof Uint8Array) || key.length !== 16) {
    throw new ScanDecodeError('KEY_INVALID', 'fileReadKey', 'K_SDMFileRead must be 16 bytes');
  }
  return key;
}

/**
 * Verifies an NTAG 424 DNA SUN tap URL and returns the tag's UID, read counter and decrypted file data.
 * Errors thrown by a `fileReadKey` function propagate unchanged (e.g. an unknown UID in the key store).
 * @throws {@link ScanDecodeError} `SUN_MALFORMED`, `SUN_PICC_DATA_INVALID`, `SUN_MAC_MISMATCH` or `KEY_INVALID`.
 */
export async function verifySunMessage(
  url: unknown,
  keys: SunKeys,
  options: SunOptions = {},
): Promise<VerifiedSun> {
  const message = parseSunUrl(url, options);
  if (!(keys.metaReadKey instanceof Uint8Array) || keys.metaReadKey.length !== 16) {
    throw new ScanDecodeError('KEY_INVALID', 'metaReadKey', 'K_SDMMetaRead must be 16 bytes');
  }
  // AN12196 §3.3: PICCDataTag 0xC7 = UID mirrored, counter mirrored, UID length 7. Under a wrong key the
  // plaintext is noise, so this also catches most wrong meta-read keys before any MAC work.
  const plain = aesCbcDecrypt(keys.metaReadKey, ZERO_IV, message.piccData);
  if (plain[0] !== PICC_TAG_UID_AND_COUNTER) {
    throw new ScanDecodeError('SUN_PICC_DATA_INVALID', 'picc_data', 'PICC data does not decrypt to tag 0xC7');
  }
  const uid = plain.subarray(1, 8);
  const counterBytes = plain.subarray(8, 11); // least significant byte first
  const fileReadKey = await resolveFileReadKey(keys, Buffer.from(uid));

  // AN12196 §3.4.1: session vectors SV2 (MAC) and SV1 (ENC) = prefix ‖ UID ‖ counter, CMACed with K_SDMFileRead.
  const sesMacKey = await aesCmac(fileReadKey, Buffer.concat([SV_MAC_PREFIX, uid, counterBytes]));
  const fullMac = await aesCmac(sesMacKey, Buffer.from(message.macInput, 'ascii'));
  // §3.4.4: the 8-byte MAC is the bytes at odd indices 1, 3, …, 15.
  const truncated = Buffer.from(fullMac.filter((_byte, i) => i % 2 === 1));
  if (!timingSafeEqual(truncated, message.cmac)) {
    throw new ScanDecodeError('SUN_MAC_MISMATCH', 'cmac', 'SUN MAC does not verify');
  }

  const counter = counterBytes.readUIntLE(0, 3);
  const verified = { uid: uid.toString('hex').toUpperCase(), counter };
  if (message.enc === undefined) return verified;
  // §3.4.3: IV = AES-ECB(K_SesSDMFileReadENC, counter ‖ 13 zero bytes).
  const sesEncKey = await aesCmac(fileReadKey, Buffer.concat([SV_ENC_PREFIX, uid, counterBytes]));
  const iv = aesEcbEncrypt(sesEncKey, Buffer.concat([counterBytes, Buffer.alloc(13)]));
  return { ...verified, fileData: aesCbcDecrypt(sesEncKey, iv, message.enc) };
}
