/**
 * A signed transaction proposal: Fabric's SignedProposal reduced to what the embedded ledger needs. The creator
 * signs a canonical encoding of the header and chaincode input; the transient map is covered by its hash only,
 * so the block can carry the signed fields (and let `verify` re-check the signature) without the private inputs.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SigningIdentity } from '../msp';

export interface SignedProposal {
  readonly channelId: string;
  readonly chaincodeName: string;
  /** hex(SHA-256(nonce ‖ creator)), as Fabric derives transaction IDs. */
  readonly txId: string;
  readonly seconds: number;
  readonly nanos: number;
  readonly mspId: string;
  /** The creator's PEM certificate bytes. */
  readonly idBytes: Uint8Array;
  /** Hex nonce. */
  readonly nonce: string;
  readonly fn: string;
  readonly args: readonly string[];
  /** Hex SHA-256 over the transient map (sorted by key), '' without one. */
  readonly transientHash: string;
  readonly transient: ReadonlyMap<string, Uint8Array>;
  /** DER ECDSA signature over {@link proposalBytes}. */
  readonly signature: Uint8Array;
}

export type UnsignedProposal = Omit<SignedProposal, 'signature'>;

const certHashes = new WeakMap<Uint8Array, string>();
const certHashesByPem = new Map<string, string>();

/** Hex SHA-256 of a creator certificate, cached per buffer (wallet certificates are the same buffer each time). */
export function certHash(idBytes: Uint8Array): string {
  let h = certHashes.get(idBytes);
  if (h === undefined) {
    h = createHash('sha256').update(idBytes).digest('hex');
    certHashes.set(idBytes, h);
  }
  return h;
}

/** Same, for a certificate read back from a block as a string. */
export function certHashOfPem(pem: string): string {
  let h = certHashesByPem.get(pem);
  if (h === undefined) {
    h = createHash('sha256').update(pem, 'utf8').digest('hex');
    if (certHashesByPem.size > 10_000) certHashesByPem.clear();
    certHashesByPem.set(pem, h);
  }
  return h;
}

/** The bytes a creator signs. Field order is fixed; JSON gives unambiguous string framing. */
export function proposalBytes(
  p: Omit<UnsignedProposal, 'idBytes' | 'transient'>,
  creatorCertHash: string,
): Buffer {
  return Buffer.from(
    JSON.stringify([
      p.channelId,
      p.chaincodeName,
      p.txId,
      p.seconds,
      p.nanos,
      p.mspId,
      creatorCertHash,
      p.nonce,
      p.fn,
      p.args,
      p.transientHash,
    ]),
    'utf8',
  );
}

/** Fabric's transaction ID: hex(SHA-256(nonce ‖ creator)). */
export function computeTxId(nonceHex: string, idBytes: Uint8Array): string {
  return createHash('sha256').update(Buffer.from(nonceHex, 'hex')).update(idBytes).digest('hex');
}

function hashTransient(transient: ReadonlyMap<string, Uint8Array>): string {
  if (transient.size === 0) return '';
  const h = createHash('sha256');
  for (const key of [...transient.keys()].sort()) {
    const value = transient.get(key) ?? new Uint8Array(0);
    h.update(`${key.length}:${key}${value.byteLength}:`).update(value);
  }
  return h.digest('hex');
}

let noncePool = Buffer.alloc(0);
let noncePoolAt = 0;
const NONCE_BYTES = 24;

/** 24 random bytes as hex; drawn from a pooled buffer because randomBytes per call costs more than the hash. */
function nextNonce(): string {
  if (noncePoolAt + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_BYTES * 1024);
    noncePoolAt = 0;
  }
  noncePoolAt += NONCE_BYTES;
  return noncePool.toString('hex', noncePoolAt - NONCE_BYTES, noncePoolAt);
}

/** Build and sign a proposal as `identity`. */
export function signProposal(
  identity: SigningIdentity,
  input: {
    channelId: string;
    chaincodeName: string;
    fn: string;
    args: readonly string[];
    transient?: Readonly<Record<string, Uint8Array>>;
  },
): SignedProposal {
  const nonce = nextNonce();
  const now = Date.now();
  const transient = new Map(Object.entries(input.transient ?? {}));
  const unsigned: UnsignedProposal = {
    channelId: input.channelId,
    chaincodeName: input.chaincodeName,
    txId: computeTxId(nonce, identity.idBytes),
    seconds: Math.floor(now / 1000),
    nanos: (now % 1000) * 1_000_000,
    mspId: identity.mspId,
    idBytes: identity.idBytes,
    nonce,
    fn: input.fn,
    args: [...input.args],
    transientHash: hashTransient(transient),
    transient,
  };
  return { ...unsigned, signature: identity.sign(proposalBytes(unsigned, certHash(identity.idBytes))) };
}

/** True when the proposal's transient map matches the hash it was signed with. */
export function transientMatches(p: SignedProposal): boolean {
  return hashTransient(p.transient) === p.transientHash;
}
