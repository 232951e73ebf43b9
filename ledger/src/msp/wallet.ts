/** The signing side: enrolled identities by wallet label, each able to sign with its private key. */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { LedgerError } from '../errors';
import type { IssuedIdentity } from './certificateAuthority';

/** A wallet entry ready to sign. */
export interface SigningIdentity {
  readonly label: string;
  readonly mspId: string;
  /** PEM certificate bytes, as Fabric puts them in `SerializedIdentity.idBytes`. */
  readonly idBytes: Uint8Array;
  sign(bytes: Uint8Array): Uint8Array;
}

export class Wallet {
  private readonly entries = new Map<string, SigningIdentity>();

  constructor(identities: readonly IssuedIdentity[]) {
    for (const id of identities) this.put(id);
  }

  /** Add (or replace) an identity. */
  put(id: IssuedIdentity): void {
    const key: KeyObject = createPrivateKey(id.keyPem);
    this.entries.set(id.label, {
      label: id.label,
      mspId: id.mspId,
      idBytes: Buffer.from(id.certPem, 'utf8'),
      sign: (bytes) => sign('sha256', bytes, key),
    });
  }

  /** Wallet labels, sorted. */
  labels(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** @throws LedgerError UNKNOWN_IDENTITY if `label` is not enrolled. */
  get(label: string): SigningIdentity {
    const id = this.entries.get(label);
    if (!id) throw new LedgerError('UNKNOWN_IDENTITY', `no identity ${label} in the wallet`);
    return id;
  }
}
