/** The answer to "where has this been?": the journey of a thing backward and forward through the ledger. */
import type { ErrorDeclaration, EventRecord, Recall } from '../model/eventRecord';
import type { Location } from '../model/location';
import type { Lot } from '../model/lot';
import type { Product } from '../model/product';

export type Relation = 'self' | 'ancestor' | 'descendant' | 'container';

export interface TraceNode {
  readonly id: string;
  readonly relation: Relation;
  /** Hops from the subject (0 for the subject itself). */
  readonly depth: number;
}

export interface TracedEvent {
  readonly record: EventRecord;
  /** Which node of the trace the event belongs to (an ancestor lot, a pallet the item rode on…). */
  readonly via: string;
  readonly relation: Relation;
  readonly errorDeclaration?: ErrorDeclaration;
}

export interface TraceView {
  readonly subject: string;
  readonly nodes: readonly TraceNode[];
  /** Events of the subject, its ancestors and their containers, in time order. */
  readonly journey: readonly TracedEvent[];
  /** Events of descendants (what the subject became), in time order: the forward trace for recalls. */
  readonly forward: readonly TracedEvent[];
  readonly products: readonly Product[];
  readonly lots: readonly Lot[];
  readonly locations: readonly Location[];
  /** Recalls of the subject or any ancestor: if not empty, the subject is recalled. */
  readonly recalls: readonly Recall[];
  /** True when the walk stopped at its limits; the trace is then partial. */
  readonly truncated: boolean;
}
