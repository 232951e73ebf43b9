/**
 * A 16-byte AES key that cannot leak by accident: it prints, logs and serialises as `[redacted]`; only
 * `bytes()` hands out a copy, for the cryptography that needs it.
 */
import { inspect } from 'node:util';

export class SecretKey {
  readonly #bytes: Buffer;

  constructor(bytes: Uint8Array) {
    if (bytes.length !== 16) throw new TypeError('an AES-128 key is 16 bytes');
    this.#bytes = Buffer.from(bytes);
  }

  static fromHex(hex: string): SecretKey {
    if (!/^[0-9A-Fa-f]{32}$/.test(hex)) throw new TypeError('an AES-128 key is 32 hex characters');
    return new SecretKey(Buffer.from(hex, 'hex'));
  }

  /** A copy of the key bytes. */
  bytes(): Buffer {
    return Buffer.from(this.#bytes);
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'SecretKey([redacted])';
  }
}
