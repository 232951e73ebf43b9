/**
 * The read model's key space (NUL-separated strings). `seq` is a zero-padded arrival number; it ends every
 * index key, so equal times stay in arrival order.
 * - `e␀seq` → {@link StoredDoc}; `i␀eventID` → seq
 * - `x␀param␀value␀eventTime␀seq` → '' for each posting: within one value, in event time order, so an
 *   equality parameter and an eventTime window are one range scan
 * - `t␀eventTime␀seq`, `r␀recordTime␀seq` → '' (time ranges)
 * - `m␀checkpoint` → last block applied and next seq; `j␀id` → capture jobs
 */
import type { IndexedParam, Posting } from './postings';

/** What the read model keeps per event: the EPCIS event as recorded, and what it is indexed by. */
export interface StoredDoc {
  /** Postings (`param␀value`). */
  readonly k: readonly Posting[];
  /** eventTime and recordTime as sortable UTC instants. */
  readonly t: string;
  readonly r: string;
  /** The EPCIS event: as captured, plus eventID, recordTime and (once declared) errorDeclaration. */
  readonly ev: Record<string, unknown>;
}

export const SEP = '\u0000';
/** Sorts right after SEP: the exclusive end of a prefix range. */
export const END = '\u0001';
export const CHECKPOINT_KEY = `m${SEP}checkpoint`;
export const SEQ_WIDTH = 16;
export const seqText = (seq: number): string => seq.toString().padStart(SEQ_WIDTH, '0');
export const docKey = (seq: string): string => `e${SEP}${seq}`;
export const idKey = (eventID: string): string => `i${SEP}${eventID}`;
export const metaKey = (id: string): string => `j${SEP}${id}`;
export const postingKey = (p: Posting, eventTime: string, seq: string): string =>
  `x${SEP}${p}${SEP}${eventTime}${SEP}${seq}`;
export const postingPrefix = (param: IndexedParam, value: string): string =>
  `x${SEP}${param}${SEP}${value}${SEP}`;
export const eventTimeKey = (t: string, seq: string): string => `t${SEP}${t}${SEP}${seq}`;
export const recordTimeKey = (t: string, seq: string): string => `r${SEP}${t}${SEP}${seq}`;
/** The seq at the end of every index key. */
export const seqOfKey = (key: string): string => key.slice(-SEQ_WIDTH);
