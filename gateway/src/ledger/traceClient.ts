/**
 * Trace's transactions, typed, over the ledger interface. The gateway never builds a Proposal by hand: one
 * place knows function names (shared with the chaincode) and how results decode.
 */
import { Tx, type TxName } from '../../../chaincode/src/api';
import type { Ledger, SubmitResult } from '../../../ledger/src';

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

export interface Submitted<T> {
  readonly value: T;
  readonly txId: string;
  readonly blockNumber: bigint;
}

export class TraceClient {
  constructor(readonly ledger: Ledger) {}

  async submit<T = unknown>(
    user: string,
    fn: TxName,
    args: readonly string[],
    transient?: Readonly<Record<string, Uint8Array>>,
  ): Promise<Submitted<T>> {
    const result: SubmitResult = await this.ledger.submit({ user, fn, args, ...(transient ? { transient } : {}) });
    return { value: JSON.parse(utf8(result.result)) as T, txId: result.txId, blockNumber: result.blockNumber };
  }

  async evaluate<T = unknown>(user: string, fn: TxName, args: readonly string[]): Promise<T> {
    return JSON.parse(utf8(await this.ledger.evaluate({ user, fn, args }))) as T;
  }

  /** Raw JSON text of a query, for answers the gateway passes through without re-serialising. */
  async evaluateText(user: string, fn: TxName, args: readonly string[]): Promise<string> {
    return utf8(await this.ledger.evaluate({ user, fn, args }));
  }
}

export { Tx };
