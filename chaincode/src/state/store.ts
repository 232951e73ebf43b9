/**
 * Typed access to world state: every write goes through `marshal` (sorted keys) and every read through the
 * object's schema, so a record that is not of its shape is refused rather than half-used.
 */
import type { Context } from 'fabric-contract-api';
import type { z } from 'zod';
import { marshal, unmarshalJson } from '../marshal';
import { INDEX_VALUE } from './keys';

export interface IndexEntry {
  readonly attributes: readonly string[];
  readonly value: Uint8Array;
}

export class Store {
  constructor(private readonly ctx: Context) {}

  key(type: string, attributes: readonly string[]): string {
    return this.ctx.stub.createCompositeKey(type, [...attributes]);
  }

  async get<S extends z.ZodType>(
    schema: S,
    type: string,
    attributes: readonly string[],
  ): Promise<z.infer<S> | undefined> {
    const bytes = await this.ctx.stub.getState(this.key(type, attributes));
    if (!bytes || bytes.length === 0) return undefined;
    const parsed = schema.safeParse(unmarshalJson(bytes));
    if (!parsed.success)
      throw new Error(`CORRUPT_STATE: ${type} ${attributes.join('/')} is not of its shape`);
    return parsed.data;
  }

  async exists(type: string, attributes: readonly string[]): Promise<boolean> {
    const bytes = await this.ctx.stub.getState(this.key(type, attributes));
    return bytes !== undefined && bytes.length > 0;
  }

  async put(type: string, attributes: readonly string[], value: unknown): Promise<void> {
    await this.ctx.stub.putState(this.key(type, attributes), marshal(value));
  }

  async putIndex(type: string, attributes: readonly string[], value?: unknown): Promise<void> {
    await this.ctx.stub.putState(
      this.key(type, attributes),
      value === undefined ? INDEX_VALUE : marshal(value),
    );
  }

  /** All entries under a partial composite key, in key order. */
  async scan(type: string, partial: readonly string[]): Promise<IndexEntry[]> {
    const out: IndexEntry[] = [];
    const iterator = await this.ctx.stub.getStateByPartialCompositeKey(type, [...partial]);
    try {
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        const { attributes } = this.ctx.stub.splitCompositeKey(r.value.key);
        out.push({ attributes, value: r.value.value });
      }
    } finally {
      await iterator.close();
    }
    return out;
  }

  async putPrivate(
    collection: string,
    type: string,
    attributes: readonly string[],
    value: unknown,
  ): Promise<void> {
    await this.ctx.stub.putPrivateData(collection, this.key(type, attributes), marshal(value));
  }

  async getPrivate(collection: string, type: string, attributes: readonly string[]): Promise<unknown> {
    const bytes = await this.ctx.stub.getPrivateData(collection, this.key(type, attributes));
    return bytes && bytes.length > 0 ? unmarshalJson(bytes) : undefined;
  }
}
