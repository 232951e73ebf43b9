/**
 * An NTAG 424 DNA emulator: makes the SUN URL a real tag would mirror at a given read counter (AN12196 §3.3–3.4,
 * AES mode, UID and counter mirrored, optional encrypted file data). The demo seed prints taps that verify;
 * tests and the benchmark forge, replay and clone with it. Checked against the vectors made by the independent
 * Python script (scripts/gen-sun-vectors.py), including its filler bytes, so it cannot drift into agreeing
 * with a wrong verifier.
 */
import { createHash } from 'node:crypto';
import { aesCbcEncrypt, aesCmac, aesEcbEncrypt } from '../sun/aesPrimitives';
import { diversifyTagKey } from '../sun';
import type { BrandKeySet } from './keyProvider';

export interface EmulatedTag {
  /** 7-byte UID, 14 upper-case hex characters. */
  readonly uid: string;
  readonly metaReadKey: Uint8Array;
  readonly fileReadKey: Uint8Array;
}

export interface TapOptions {
  /** Base URL of the tap endpoint, e.g. `https://brand.example/t`. */
  readonly base: string;
  /** File data to mirror encrypted as `enc` (a multiple of 16 bytes). */
  readonly fileData?: Uint8Array;
}

/** The tag's keys as a brand would program them: K_SDMFileRead diversified over the UID. */
export async function emulatedTag(brand: BrandKeySet, uid: string): Promise<EmulatedTag> {
  const fileReadKey = await diversifyTagKey(brand.fileReadMasterKey.bytes(), {
    uid: Buffer.from(uid, 'hex'),
    applicationId: brand.applicationId,
    systemIdentifier: brand.systemIdentifier,
  });
  return { uid, metaReadKey: brand.metaReadKey.bytes(), fileReadKey };
}

/** The SUN URL of `tag` at read counter `counter`. */
export async function tapUrl(tag: EmulatedTag, counter: number, options: TapOptions): Promise<string> {
  const uid = Buffer.from(tag.uid, 'hex');
  const ctr = Buffer.alloc(3);
  ctr.writeUIntLE(counter, 0, 3);
  // Real tags fill the block with random bytes; derived ones keep the output reproducible (as the Python vectors).
  const filler = createHash('sha256')
    .update(Buffer.concat([uid, ctr]))
    .digest()
    .subarray(0, 5);
  const picc = aesCbcEncrypt(
    tag.metaReadKey,
    Buffer.alloc(16),
    Buffer.concat([Buffer.from([0xc7]), uid, ctr, filler]),
  );
  let url = `${options.base}?picc_data=${picc.toString('hex').toUpperCase()}`;
  let macInput = '';
  if (options.fileData !== undefined) {
    const sesEnc = await aesCmac(
      tag.fileReadKey,
      Buffer.concat([Buffer.from('C33C00010080', 'hex'), uid, ctr]),
    );
    const iv = aesEcbEncrypt(sesEnc, Buffer.concat([ctr, Buffer.alloc(13)]));
    const enc = aesCbcEncrypt(sesEnc, iv, options.fileData).toString('hex').toUpperCase();
    macInput = `${enc}&cmac=`;
    url += `&enc=${enc}`;
  }
  const sesMac = await aesCmac(
    tag.fileReadKey,
    Buffer.concat([Buffer.from('3CC300010080', 'hex'), uid, ctr]),
  );
  const mac = await aesCmac(sesMac, Buffer.from(macInput, 'ascii'));
  return `${url}&cmac=${Buffer.from(mac.filter((_b, i) => i % 2 === 1))
    .toString('hex')
    .toUpperCase()}`;
}
