/**
 * One way to read untrusted input into a typed object: the shape's zod schema is both its validator and its
 * TypeScript type. A failure names the first offending field, e.g. `INVALID_ARGUMENT: lot.origin.country: …`.
 */
import type { z } from 'zod';
import { invalid } from '../errors';

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, field: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? [field, ...issue.path.map(String)].join('.') : field;
  throw invalid(path, issue?.message ?? 'invalid');
}

/** Parse a JSON text argument (Fabric passes every argument as a string). */
export function parseJsonArg<S extends z.ZodType>(schema: S, text: string, field: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(field, 'not valid JSON');
  }
  return parseWith(schema, value, field);
}
