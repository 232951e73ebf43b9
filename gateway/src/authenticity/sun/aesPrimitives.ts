/**
 * The AES building blocks of NTAG 424 DNA secure messaging (NXP AN12196) and key diversification (AN10922).
 * CMAC (RFC 4493 / NIST SP 800-38B) comes from the aes-cmac package; raw AES-128 block operations from
 * node:crypto. Keys and blocks are 16 bytes; callers check lengths before calling.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { AesCmac } from 'aes-cmac';

/** AES-CMAC (RFC 4493) of `message` under a 16-byte key. */
export async function aesCmac(key: Uint8Array, message: Uint8Array): Promise<Buffer> {
  return Buffer.from(await new AesCmac(key).calculate(message));
}

/** The CMAC subkeys K1 and K2 (RFC 4493 §2.3), which AN10922 applies to its own padding. */
export async function cmacSubkeys(key: Uint8Array): Promise<{ k1: Buffer; k2: Buffer }> {
  const { key1, key2 } = await new AesCmac(key).getSubKeys();
  return { k1: Buffer.from(key1), k2: Buffer.from(key2) };
}

/** AES-128-ECB encryption of whole blocks, no padding. */
export function aesEcbEncrypt(key: Uint8Array, data: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** AES-128-CBC encryption of whole blocks, no padding. */
export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** AES-128-CBC decryption of whole blocks, no padding. */
export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const decipher = createDecipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}
