import { aesCmac } from './aesPrimitives';
import { diversifyAes128, diversifyTagKey } from './keyDiversification';
import { ScanDecodeError } from '../../scans/decode/scanDecodeError';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

describe('AN10922 AES-128 key diversification', () => {
  // AN10922 §2.2.1 worked example: master key, UID 04782E21801D80, AID 3042F5, system identifier "NXP Abu".
  it('reproduces the AN10922 §2.2.1 example', async () => {
    const key = await diversifyTagKey(hex('00112233445566778899AABBCCDDEEFF'), {
      uid: hex('04782E21801D80'),
      applicationId: hex('3042F5'),
      systemIdentifier: Buffer.from('NXP Abu', 'ascii'),
    });
    expect(key.toString('hex').toUpperCase()).toBe('A8DD63A3B89D54B37CA802473FDA9175');
  });

  it('equals plain CMAC of 0x01 ‖ M when that fills exactly two blocks (the K1 branch)', async () => {
    const master = hex('00112233445566778899AABBCCDDEEFF');
    const m = Buffer.alloc(31, 0xa5);
    const expected = await aesCmac(master, Buffer.concat([Buffer.from([0x01]), m]));
    expect((await diversifyAes128(master, m)).equals(expected)).toBe(true);
  });

  it('gives different keys for different UIDs', async () => {
    const master = hex('00112233445566778899AABBCCDDEEFF');
    const a = await diversifyTagKey(master, { uid: hex('04782E21801D80') });
    const b = await diversifyTagKey(master, { uid: hex('04782E21801D81') });
    expect(a.equals(b)).toBe(false);
  });

  it.each([
    ['a 15-byte master key', Buffer.alloc(15), Buffer.alloc(7, 1), 'masterKey'],
    ['an empty input', Buffer.alloc(16), Buffer.alloc(0), 'diversificationInput'],
    ['a 32-byte input', Buffer.alloc(16), Buffer.alloc(32, 1), 'diversificationInput'],
  ])('rejects %s', async (_label, master, m, field) => {
    const error: unknown = await diversifyAes128(master, m).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScanDecodeError);
    expect((error as ScanDecodeError).field).toBe(field);
  });
});
