/**
 * The answer to "where has this been?": the journey of a thing backward and forward through the ledger. One
 * schema gives the type the chaincode builds and the validator the gateway decodes the `Trace` result with.
 */
import { z } from 'zod';
import { ErrorDeclaration, EventRecord, Recall } from '../model/eventRecord';
import { Location } from '../model/location';
import { Lot } from '../model/lot';
import { Product } from '../model/product';

export const Relation = z.enum(['self', 'ancestor', 'descendant', 'container']);
export type Relation = z.infer<typeof Relation>;

export const TraceNode = z.object({
  id: z.string(),
  relation: Relation,
  /** Hops from the subject (0 for the subject itself). */
  depth: z.number().int().nonnegative(),
});
export type TraceNode = z.infer<typeof TraceNode>;

export const TracedEvent = z.object({
  record: EventRecord,
  /** Which node of the trace the event belongs to (an ancestor lot, a pallet the item rode on…). */
  via: z.string(),
  relation: Relation,
  errorDeclaration: ErrorDeclaration.optional(),
});
export type TracedEvent = z.infer<typeof TracedEvent>;

export const TraceView = z.object({
  subject: z.string(),
  nodes: z.array(TraceNode),
  /** Events of the subject, its ancestors and their containers, in time order. */
  journey: z.array(TracedEvent),
  /** Events of descendants (what the subject became), in time order: the forward trace for recalls. */
  forward: z.array(TracedEvent),
  products: z.array(Product),
  lots: z.array(Lot),
  locations: z.array(Location),
  /** Recalls of the subject or any ancestor: if not empty, the subject is recalled. */
  recalls: z.array(Recall),
  /** True when the walk stopped at its limits; the trace is then partial. */
  truncated: z.boolean(),
});
export type TraceView = z.infer<typeof TraceView>;
