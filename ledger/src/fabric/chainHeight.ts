/**
 * The channel's block height, from the query system chaincode (`qscc GetChainInfo`). A stream of "only new"
 * events starts at this height explicitly instead of at the peer's next commit, so a stream that loses its
 * connection before its first event resumes from that height and misses nothing committed meanwhile.
 */
import type { Gateway } from '@hyperledger/fabric-gateway';

/**
 * `height` of a serialized `common.BlockchainInfo` (field 1, uint64 varint; fabric-protos common/ledger.proto).
 * Decoded by hand: it is the one protobuf the ledger reads, and one varint does not warrant a dependency.
 */
export function decodeBlockchainHeight(bytes: Uint8Array): bigint {
  let i = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; i < bytes.length; shift += 7n) {
      const b = bytes[i++]!;
      value |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return value;
    }
    throw new Error('truncated varint in BlockchainInfo');
  };
  while (i < bytes.length) {
    const key = Number(varint());
    const field = key >>> 3;
    const wireType = key & 7;
    if (field === 1 && wireType === 0) return varint();
    if (wireType === 0) varint();
    else if (wireType === 2) i += Number(varint());
    else throw new Error(`unexpected wire type ${wireType} in BlockchainInfo`);
  }
  // proto3 omits a zero value: an empty message means height 0.
  return 0n;
}

/** The height of `channel` as the gateway peer of `gateway` sees it. */
export async function chainHeight(gateway: Gateway, channel: string): Promise<bigint> {
  const info = await gateway
    .getNetwork(channel)
    .getContract('qscc')
    .evaluate('GetChainInfo', { arguments: [channel] });
  return decodeBlockchainHeight(info);
}
