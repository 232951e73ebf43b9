/**
 * Every decoder, fed random and mutated input, either returns or throws ScanDecodeError: never a TypeError,
 * RangeError or anything else that would surface as a 500. Seeded, so a failure reproduces.
 */
import published from '../../../../test/fixtures/vectors/ntag424-sun.json';
import diversified from '../../../../test/fixtures/vectors/ntag424-sun-diversified.json';
import { decodeEpcHex, decodeScanFrame, encodeScanFrame, parseDigitalLink, ScanDecodeError } from './index';
import { verifySunMessage } from '../../authenticity/sun';

/** Mulberry32: a small seeded PRNG, so runs are reproducible. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(0x5ca11ed);
const int = (n: number): number => Math.floor(random() * n);
const ALPHABET = '0123456789ABCDEFabcdef/%?&=#:._-~!\'"()*+, \u00e9\u20ac\u0000';

function randomText(max: number): string {
  return Array.from({ length: int(max) }, () => ALPHABET[int(ALPHABET.length)]).join('');
}

/** Replaces, inserts or deletes a few characters. */
function mutate(text: string): string {
  let out = text;
  for (let n = 1 + int(3); n > 0; n--) {
    const at = int(out.length + 1);
    const op = int(3);
    const ch = ALPHABET[int(ALPHABET.length)]!;
    if (op === 0) out = out.slice(0, at) + ch + out.slice(at + 1);
    else if (op === 1) out = out.slice(0, at) + ch + out.slice(at);
    else out = out.slice(0, at) + out.slice(at + 1);
  }
  return out;
}

function mutateBytes(bytes: Uint8Array): Uint8Array {
  const out = Buffer.from(bytes);
  for (let n = 1 + int(4); n > 0 && out.length > 0; n--) out[int(out.length)] = int(256);
  return int(4) === 0 ? out.subarray(0, int(out.length + 1)) : out;
}

function expectTyped(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ScanDecodeError)) throw error;
  }
}

async function expectTypedAsync(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof ScanDecodeError)) throw error;
  }
}

const ROUNDS = 400;

describe('decoders under fuzzing', () => {
  it('EPC decoding never throws anything but ScanDecodeError', () => {
    for (let i = 0; i < ROUNDS; i++) {
      expectTyped(() => decodeEpcHex(randomText(30)));
      expectTyped(() => decodeEpcHex(mutate('3074257BF7194E4000001A85')));
      // Any 24 hex digits behind a supported header: overflowing fields must be typed errors too.
      const body = Array.from({ length: 22 }, () => '0123456789ABCDEF'[int(16)]).join('');
      expectTyped(() => decodeEpcHex(['30', '31', '32', '33'][int(4)]! + body));
    }
  });

  it('Digital Link parsing never throws anything but ScanDecodeError', () => {
    const seeds = [
      'https://id.gs1.org/01/09506000134352/10/ABC%2F1/21/12?17=261231&linkType=gs1:pip',
      'https://a.example/p/01/12345670',
    ];
    for (let i = 0; i < ROUNDS; i++) {
      expectTyped(() => parseDigitalLink(randomText(60)));
      expectTyped(() => parseDigitalLink(`https://x.example/${randomText(40)}`));
      expectTyped(() => parseDigitalLink(mutate(seeds[i % seeds.length]!)));
    }
  });

  it('SUN verification never throws anything but ScanDecodeError', async () => {
    const keys = { metaReadKey: Buffer.alloc(16), fileReadKey: Buffer.alloc(16) };
    const urls = [
      ...published.vectors.map(
        (v) =>
          `https://b.example/t?picc_data=${v.picc_data}${'enc' in v ? `&enc=${v.enc}` : ''}&cmac=${v.cmac}`,
      ),
      ...diversified.vectors.map((v) => v.url),
    ];
    for (let i = 0; i < ROUNDS; i++) {
      await expectTypedAsync(() => verifySunMessage(randomText(80), keys));
      await expectTypedAsync(() => verifySunMessage(mutate(urls[i % urls.length]!), keys));
    }
  });

  it('a mutated valid SUN URL is never accepted with a different identity', async () => {
    const [vector] = published.vectors;
    const url = `https://b.example/t?picc_data=${vector!.picc_data}&cmac=${vector!.cmac}`;
    const keys = { metaReadKey: Buffer.alloc(16), fileReadKey: Buffer.alloc(16) };
    for (let i = 0; i < ROUNDS; i++) {
      const result = await verifySunMessage(mutate(url), keys).catch(() => undefined);
      if (result !== undefined) expect(result).toEqual({ uid: '04DE5F1EACC040', counter: 61 });
    }
  });

  it.each([null, undefined, 42, {}, [], Symbol('x'), 10n])(
    'every decoder types its refusal of %p',
    async (value) => {
      const input = value as never;
      expectTyped(() => decodeEpcHex(input));
      expectTyped(() => parseDigitalLink(input));
      expectTyped(() => decodeScanFrame(input));
      await expectTypedAsync(() =>
        verifySunMessage(input, { metaReadKey: Buffer.alloc(16), fileReadKey: Buffer.alloc(16) }),
      );
    },
  );

  it('frame decoding never throws anything but ScanDecodeError', () => {
    const frame = encodeScanFrame({
      readerId: 'r1',
      readPoint: '0614141123452',
      batchId: 'b1',
      reads: [{ epcHex: '3074257BF7194E4000001A85', antenna: 1, rssi: -50, time: 1_795_500_000_000 }],
    });
    for (let i = 0; i < ROUNDS; i++) {
      expectTyped(() => decodeScanFrame(Uint8Array.from({ length: int(80) }, () => int(256))));
      expectTyped(() => decodeScanFrame(mutateBytes(frame)));
    }
  });
});
