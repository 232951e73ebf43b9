/**
 * Decoding transaction results: each answer is parsed with its schema from `chaincode/src/api`, never cast. An
 * answer that does not match is the gateway's and the contract's disagreement, not the caller's mistake: it
 * surfaces as {@link ContractResultError} (a 500), not as a validation error of the request.
 */
import type { z } from 'zod';

/** The contract answered something its result schema does not describe. */
export class ContractResultError extends Error {
  override readonly name = 'ContractResultError';
  constructor(
    readonly fn: string,
    cause: unknown,
  ) {
    super(`${fn}: the contract's answer does not match its result schema`, { cause });
  }
}

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** The UTF-8 JSON answer of `fn`, decoded with `schema`. */
export function decodeResult<S extends z.ZodType>(fn: string, schema: S, bytes: Uint8Array): z.output<S> {
  return decodeText(fn, schema, utf8(bytes)).value;
}

/** Like {@link decodeResult}, also returning the text as the contract wrote it (sorted keys), to pass through. */
export function decodeText<S extends z.ZodType>(
  fn: string,
  schema: S,
  text: string,
): { value: z.output<S>; text: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ContractResultError(fn, error);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ContractResultError(fn, parsed.error);
  return { value: parsed.data, text };
}

export { utf8 };
