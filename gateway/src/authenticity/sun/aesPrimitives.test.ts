import { aesCbcDecrypt, aesCbcEncrypt, aesCmac, aesEcbEncrypt, cmacSubkeys } from './aesPrimitives';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
// RFC 4493 §4 test vectors (AES-128 key 2b7e1516…).
const RFC4493_KEY = hex('2b7e151628aed2a6abf7158809cf4f3c');

describe('AES primitives', () => {
  it('computes the RFC 4493 subkeys', async () => {
    const { k1, k2 } = await cmacSubkeys(RFC4493_KEY);
    expect(k1.toString('hex')).toBe('fbeed618357133667c85e08f7236a8de');
    expect(k2.toString('hex')).toBe('f7ddac306ae266ccf90bc11ee46d513b');
  });

  it.each([
    ['', 'bb1d6929e95937287fa37d129b756746'],
    ['6bc1bee22e409f96e93d7e117393172a', '070a16b46b4d4144f79bdd9dd04a287c'],
    [
      '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411',
      'dfa66747de9ae63030ca32611497c827',
    ],
  ])('computes the RFC 4493 CMAC of example %#', async (message, mac) => {
    expect((await aesCmac(RFC4493_KEY, hex(message))).toString('hex')).toBe(mac);
  });

  it('encrypts the FIPS-197 Appendix C.1 block', () => {
    const key = hex('000102030405060708090a0b0c0d0e0f');
    expect(aesEcbEncrypt(key, hex('00112233445566778899aabbccddeeff')).toString('hex')).toBe(
      '69c4e0d86a7b0430d8cdb78070b4c55a',
    );
  });

  it('decrypts what CBC encrypted (NIST SP 800-38A F.2.1 first block)', () => {
    const key = RFC4493_KEY;
    const iv = hex('000102030405060708090a0b0c0d0e0f');
    const ciphertext = aesCbcEncrypt(key, iv, hex('6bc1bee22e409f96e93d7e117393172a'));
    expect(ciphertext.toString('hex')).toBe('7649abac8119b246cee98e9b12e9197d');
    expect(aesCbcDecrypt(key, iv, ciphertext).toString('hex')).toBe('6bc1bee22e409f96e93d7e117393172a');
  });
});
