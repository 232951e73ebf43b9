import published from '../../../../test/fixtures/vectors/ntag424-sun.json';
import diversified from '../../../../test/fixtures/vectors/ntag424-sun-diversified.json';
import { diversifyTagKey } from './keyDiversification';
import { ScanDecodeError } from '../../scans/decode/scanDecodeError';
import { parseSunUrl, verifySunMessage, type SunKeys } from './sunMessage';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const ZERO_KEYS: SunKeys = { metaReadKey: Buffer.alloc(16), fileReadKey: Buffer.alloc(16) };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ScanDecodeError) return error.code;
    throw error;
  }
  return 'NO_ERROR';
}

function urlOf(vector: { picc_data: string; enc?: string; cmac: string }): string {
  const enc = vector.enc === undefined ? '' : `&enc=${vector.enc}`;
  return `https://brand.example/t?picc_data=${vector.picc_data}${enc}&cmac=${vector.cmac}`;
}

/** Keys of the generated vectors, derived here by the TypeScript AN10922 path (the script used Python). */
const brandKeys: SunKeys = {
  metaReadKey: hex(diversified.metaReadKey),
  fileReadKey: (uid) =>
    diversifyTagKey(hex(diversified.masterKey), {
      uid,
      applicationId: hex(diversified.applicationId),
      systemIdentifier: Buffer.from(diversified.systemIdentifier, 'ascii'),
    }),
};

describe('SUN verification with the AN12196 published vectors', () => {
  it.each(published.vectors)('verifies "$name"', async (vector) => {
    const result = await verifySunMessage(urlOf(vector), ZERO_KEYS);
    expect(result.uid).toBe(vector.expect.uid);
    expect(result.counter).toBe(vector.expect.counter);
    expect(result.fileData?.toString('ascii')).toBe(vector.expect.fileData);
  });

  it.each(published.vectors)('takes the exact MAC input of "$name"', (vector) => {
    expect(parseSunUrl(urlOf(vector)).macInput).toBe(vector.expect.macInput);
  });

  it('reads custom parameter names from a path-and-query', async () => {
    const [vector] = published.vectors;
    const result = await verifySunMessage(`/tap?e=${vector!.picc_data}&m=${vector!.cmac}`, ZERO_KEYS, {
      params: { piccData: 'e', cmac: 'm' },
    });
    expect(result).toEqual({ uid: '04DE5F1EACC040', counter: 61 });
  });
});

describe('SUN verification with diversified non-zero keys (independently generated)', () => {
  it.each(diversified.vectors)('verifies $uid at counter $counter', async (vector) => {
    const result = await verifySunMessage(vector.url, brandKeys);
    expect(result.uid).toBe(vector.uid);
    expect(result.counter).toBe(vector.counter);
    expect(result.fileData?.toString('ascii')).toBe(vector.fileData);
  });

  it.each(diversified.vectors)('derives the same tag key as the generator for $uid', async (vector) => {
    const fileReadKey = brandKeys.fileReadKey as (uid: Buffer) => Promise<Buffer>;
    expect((await fileReadKey(hex(vector.uid))).toString('hex').toUpperCase()).toBe(vector.fileReadKey);
  });

  it.each(diversified.vectors)('rejects $uid under another UID’s file-read key', async (vector) => {
    const other = diversified.vectors.find((v) => v.uid !== vector.uid)!;
    const keys = { metaReadKey: hex(diversified.metaReadKey), fileReadKey: hex(other.fileReadKey) };
    expect(await codeOf(verifySunMessage(vector.url, keys))).toBe('SUN_MAC_MISMATCH');
  });

  it.each(diversified.vectors)('rejects $uid under the undiversified master key', async (vector) => {
    const keys = { metaReadKey: hex(diversified.metaReadKey), fileReadKey: hex(diversified.masterKey) };
    expect(await codeOf(verifySunMessage(vector.url, keys))).toBe('SUN_MAC_MISMATCH');
  });

  it.each(diversified.vectors)('rejects $uid under factory-default all-zero keys', async (vector) => {
    expect(await codeOf(verifySunMessage(vector.url, ZERO_KEYS))).toBe('SUN_PICC_DATA_INVALID');
    const zeroFileKey = { metaReadKey: hex(diversified.metaReadKey), fileReadKey: Buffer.alloc(16) };
    expect(await codeOf(verifySunMessage(vector.url, zeroFileKey))).toBe('SUN_MAC_MISMATCH');
  });

  it('rejects a wrong meta-read key', async () => {
    const keys = { ...brandKeys, metaReadKey: hex('5E1A9C3B7D2F4E6081A3C5E7092B4D6E') };
    expect(await codeOf(verifySunMessage(diversified.vectors[0]!.url, keys))).toBe('SUN_PICC_DATA_INVALID');
  });

  it('rejects a tap whose encrypted file data was altered', async () => {
    const url = diversified.vectors[1]!.url.replace('enc=C2', 'enc=C3');
    expect(await codeOf(verifySunMessage(url, brandKeys))).toBe('SUN_MAC_MISMATCH');
  });
});

describe('SUN URL strictness', () => {
  const good = diversified.vectors[1]!.url;
  it.each([
    [
      'lower-case enc (the MAC covers the exact upper-case text)',
      good.replace(/enc=([0-9A-F]+)/, (_m, h: string) => `enc=${h.toLowerCase()}`),
    ],
    [
      'lower-case picc_data',
      good.replace(/picc_data=([0-9A-F]+)/, (_m, h: string) => `picc_data=${h.toLowerCase()}`),
    ],
    [
      'truncated picc_data',
      good.replace(/picc_data=([0-9A-F]+)/, (_m, h: string) => `picc_data=${h.slice(0, 30)}`),
    ],
    ['over-long picc_data', good.replace('picc_data=', 'picc_data=00')],
    ['truncated cmac', good.slice(0, -2)],
    ['over-long cmac', `${good}00`],
    ['enc of 31 characters', good.replace(/enc=([0-9A-F]+)/, (_m, h: string) => `enc=${h.slice(1)}`)],
    ['enc of 48 characters', good.replace('enc=', 'enc=0123456789ABCDEF')],
    ['an empty enc', good.replace(/enc=[0-9A-F]+/, 'enc=')],
    ['a missing cmac', good.replace(/&cmac=.*/, '')],
    ['a missing picc_data', good.replace(/picc_data=[0-9A-F]+&/, '')],
    ['a repeated cmac', `${good}&cmac=${good.slice(-16)}`],
    ['cmac before enc', good.replace(/&enc=([0-9A-F]+)&cmac=([0-9A-F]+)/, '&cmac=$2&enc=$1')],
    ['no query string', 'https://brand.example/t'],
    ['an over-long URL', `${good}&pad=${'x'.repeat(2100)}`],
  ])('rejects %s as SUN_MALFORMED', async (_label, url) => {
    expect(await codeOf(verifySunMessage(url, brandKeys))).toBe('SUN_MALFORMED');
  });

  it('rejects keys of the wrong length as KEY_INVALID', async () => {
    const keys = { metaReadKey: Buffer.alloc(15), fileReadKey: Buffer.alloc(16) };
    expect(await codeOf(verifySunMessage(good, keys))).toBe('KEY_INVALID');
  });

  it('ignores a fragment and unrelated parameters', async () => {
    const result = await verifySunMessage(`${good.replace('?', '?tenant=a&')}#x`, brandKeys);
    expect(result.counter).toBe(2);
  });
});
