/**
 * Tap verification across brands, with the vectors made by the independent Python script (non-zero keys,
 * K_SDMFileRead diversified per UID) and every tampering the issue lists: a flipped byte in each field, wrong
 * keys, a key diversified for another UID, the factory-default key, truncated and over-long parameters, case.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanDecodeError } from '../../scans/decode';
import type { BrandKeySet } from './keyProvider';
import { SecretKey } from './secretKey';
import { StaticKeyProvider } from './fileKeyProvider';
import { emulatedTag, tapUrl } from './tagEmulator';
import { TapVerifier } from './tapVerifier';

interface Vector {
  url: string;
  uid: string;
  counter: number;
  fileReadKey: string;
  fileData?: string;
}
const fixture = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '../../../../test/fixtures/vectors/ntag424-sun-diversified.json'),
    'utf8',
  ),
) as {
  masterKey: string;
  metaReadKey: string;
  applicationId: string;
  systemIdentifier: string;
  vectors: Vector[];
};

const brand = (keyId: string, mspId: string, meta: string, master: string): BrandKeySet => ({
  keyId,
  mspId,
  signer: `${mspId}/brand`,
  metaReadKey: SecretKey.fromHex(meta),
  fileReadMasterKey: SecretKey.fromHex(master),
  applicationId: Buffer.from(fixture.applicationId, 'hex'),
  systemIdentifier: Buffer.from(fixture.systemIdentifier, 'ascii'),
});
const maison = brand('maison', 'BrandsMSP', fixture.metaReadKey, fixture.masterKey);
const rival = brand(
  'rival',
  'RivalBrandsMSP',
  '00112233445566778899AABBCCDDEEFF',
  '0F1E2D3C4B5A69788796A5B4C3D2E1F0',
);
const ZERO = '00000000000000000000000000000000';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  const error: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScanDecodeError);
  return (error as ScanDecodeError).code;
};

describe('tap verification', () => {
  const verifier = new TapVerifier(new StaticKeyProvider([rival, maison]));

  it.each(fixture.vectors.map((v) => [v.uid, v.counter, v] as const))(
    'verifies the Python vector of UID %s at counter %d and names the brand',
    async (_uid, _ctr, v) => {
      const tap = await verifier.verify(v.url);
      expect(tap).toMatchObject({
        uid: v.uid,
        counter: v.counter,
        brand: { keyId: 'maison', mspId: 'BrandsMSP' },
      });
      if (v.fileData !== undefined) expect(tap.fileData?.toString('ascii')).toBe(v.fileData);
    },
  );

  it('emulates the Python vectors byte for byte, so the emulator is checked independently too', async () => {
    for (const v of fixture.vectors) {
      const tag = await emulatedTag(maison, v.uid);
      expect(Buffer.from(tag.fileReadKey).toString('hex').toUpperCase()).toBe(v.fileReadKey);
      const fileData = v.fileData !== undefined ? Buffer.from(v.fileData, 'ascii') : undefined;
      expect(
        await tapUrl(tag, v.counter, { base: 'https://brand.example/t', ...(fileData ? { fileData } : {}) }),
      ).toBe(v.url);
    }
  });

  const withEnc = fixture.vectors[2]!.url;
  const params = ['picc_data', 'enc', 'cmac'] as const;
  const flip = (url: string, name: string, at: number): string =>
    url.replace(new RegExp(`(${name}=)([0-9A-F]+)`), (_m, p: string, hex: string) => {
      const c = hex[at]!;
      return p + hex.slice(0, at) + (c === 'A' ? 'B' : 'A') + hex.slice(at + 1);
    });

  it.each(params.flatMap((name) => [0, 7, 15].map((at) => [name, at] as const)))(
    'rejects one flipped hex digit in %s at %d',
    async (name, at) => {
      expect(['SUN_MAC_MISMATCH', 'SUN_PICC_DATA_INVALID']).toContain(
        await codeOf(verifier.verify(flip(withEnc, name, at))),
      );
    },
  );

  it("rejects a tap of a tag keyed with another brand master key, the factory-default key, or another UID's key", async () => {
    const otherMaster = await tapUrl(
      { ...(await emulatedTag(rival, '04A1B2C3D4E580')), metaReadKey: maison.metaReadKey.bytes() },
      9,
      { base: 'https://x/t' },
    );
    const factory = await tapUrl(
      {
        uid: '04A1B2C3D4E580',
        metaReadKey: maison.metaReadKey.bytes(),
        fileReadKey: Buffer.from(ZERO, 'hex'),
      },
      9,
      { base: 'https://x/t' },
    );
    const otherUid = await tapUrl(
      {
        uid: '04A1B2C3D4E580',
        metaReadKey: maison.metaReadKey.bytes(),
        fileReadKey: (await emulatedTag(maison, '0411223344556B')).fileReadKey,
      },
      9,
      { base: 'https://x/t' },
    );
    const allZero = await tapUrl(
      { uid: '04A1B2C3D4E580', metaReadKey: Buffer.from(ZERO, 'hex'), fileReadKey: Buffer.from(ZERO, 'hex') },
      9,
      { base: 'https://x/t' },
    );
    expect(await codeOf(verifier.verify(otherMaster))).toBe('SUN_MAC_MISMATCH');
    expect(await codeOf(verifier.verify(factory))).toBe('SUN_MAC_MISMATCH');
    expect(await codeOf(verifier.verify(otherUid))).toBe('SUN_MAC_MISMATCH');
    expect(await codeOf(verifier.verify(allZero))).toBe('SUN_PICC_DATA_INVALID');
  });

  it.each([
    [
      'a truncated picc_data',
      (u: string) => u.replace(/picc_data=([0-9A-F]{30})[0-9A-F]{2}/, 'picc_data=$1'),
    ],
    ['an over-long cmac', (u: string) => u.replace(/cmac=([0-9A-F]{16})/, 'cmac=$100')],
    ['a truncated enc', (u: string) => u.replace(/enc=([0-9A-F]{30})[0-9A-F]+/, 'enc=$1')],
    [
      'lower-case hex',
      (u: string) => u.replace(/picc_data=([0-9A-F]{32})/, (_m, h: string) => `picc_data=${h.toLowerCase()}`),
    ],
    ['a missing cmac', (u: string) => u.replace(/&cmac=[0-9A-F]+/, '')],
    ['a repeated parameter', (u: string) => `${u}&cmac=0000000000000000`],
  ])('rejects %s as malformed', async (_what, mutate) => {
    expect(await codeOf(verifier.verify(mutate(withEnc)))).toBe('SUN_MALFORMED');
  });

  it('finds the right brand when several serve one gateway', async () => {
    const tag = await emulatedTag(rival, '04C0FFEE000001');
    expect((await verifier.verify(await tapUrl(tag, 3, { base: 'https://x/t' }))).brand.mspId).toBe(
      'RivalBrandsMSP',
    );
  });
});
