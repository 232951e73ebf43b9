/**
 * Raw calls of contract transactions by name, for suites that test the contract itself: malformed arguments,
 * refusals, table-driven inputs. The gateway never does this; it goes through the typed `TraceClient`.
 */
import type { Ledger } from '../../ledger/src';

/** A committed transaction's answer (parsed, not checked: these suites assert on it). */
export interface Called<T> {
  readonly value: T;
  readonly txId: string;
  readonly blockNumber: bigint;
}

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

export class ContractCalls {
  constructor(readonly ledger: Ledger) {}

  async submit<T = unknown>(
    user: string,
    fn: string,
    args: readonly string[],
    transient?: Readonly<Record<string, Uint8Array>>,
  ): Promise<Called<T>> {
    const result = await this.ledger.submit({ user, fn, args, ...(transient ? { transient } : {}) });
    return {
      value: JSON.parse(utf8(result.result)) as T,
      txId: result.txId,
      blockNumber: result.blockNumber,
    };
  }

  async evaluate<T = unknown>(user: string, fn: string, args: readonly string[]): Promise<T> {
    return JSON.parse(utf8(await this.ledger.evaluate({ user, fn, args }))) as T;
  }
}
