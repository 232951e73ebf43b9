import { common } from '@hyperledger/fabric-protos';
import { decodeBlockchainHeight } from './chainHeight';

describe('BlockchainInfo height', () => {
  it.each([1, 127, 128, 300, 2 ** 40 + 5])(
    'decodes height %d as protobuf encodes it, whatever follows',
    (height) => {
      const info = new common.BlockchainInfo();
      info.setHeight(height);
      info.setCurrentblockhash(Buffer.alloc(32, 0xab));
      info.setPreviousblockhash(Buffer.alloc(32, 0xcd));
      expect(decodeBlockchainHeight(info.serializeBinary())).toBe(BigInt(height));
    },
  );

  it('reads an empty message as height 0 (proto3 omits zero)', () => {
    expect(decodeBlockchainHeight(new common.BlockchainInfo().serializeBinary())).toBe(0n);
  });

  it('rejects a truncated varint', () => {
    expect(() => decodeBlockchainHeight(Uint8Array.from([0x08, 0x80]))).toThrow(/truncated/);
  });
});
