/**
 * TagContract's transactions, typed, over the ledger interface: one place knows their names and how results
 * decode. Private inputs (a phone's place, a consumer's words) travel in the transient map, out of the block.
 */
import { TagTx, type TagTxName } from '../../../chaincode/src/api';
import type { Ledger } from '../../../ledger/src';

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

export class TagClient {
  constructor(readonly ledger: Ledger) {}

  async submit<T>(
    user: string,
    fn: TagTxName,
    arg: unknown,
    transient?: Readonly<Record<string, unknown>>,
  ): Promise<T> {
    const secret = transient
      ? Object.fromEntries(
          Object.entries(transient)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, Buffer.from(JSON.stringify(v))]),
        )
      : undefined;
    const result = await this.ledger.submit({
      user,
      fn,
      args: [JSON.stringify(arg)],
      ...(secret ? { transient: secret } : {}),
    });
    return JSON.parse(utf8(result.result)) as T;
  }

  async evaluate<T>(user: string, fn: TagTxName, arg: unknown): Promise<T> {
    return JSON.parse(utf8(await this.ledger.evaluate({ user, fn, args: [JSON.stringify(arg)] }))) as T;
  }
}

export { TagTx };
