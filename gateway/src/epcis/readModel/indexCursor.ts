/**
 * Walking the read model's index ranges. Every posting key ends with the same suffix, `eventTime␀seq` (a total
 * order over events), so an event's posting under another parameter value is a key that can be looked up
 * directly: several equality postings intersect by reading the smallest and probing the others.
 *
 * A cursor reports hits and where to resume (`gte`) after them, so a page can stop anywhere.
 */
import type { ClassicLevel } from 'classic-level';
import { seqOfKey } from './keys';

export interface Range {
  /** Part of every key in the range before the shared suffix ('' for non-posting ranges). */
  readonly prefix: string;
  readonly gte: string;
  readonly lt: string;
}

export interface Hit {
  /** Position of the hit (key, or suffix for a join). */
  readonly pos: string;
  readonly seq: string;
}

export interface CursorStep {
  readonly hits: readonly Hit[];
  /** Where to resume (inclusive) after these hits; undefined when the ranges are exhausted. */
  readonly resumeAt: string | undefined;
  /** Index keys read for this step: the cost bound of a page counts it. */
  readonly work: number;
}

export interface IndexCursor {
  next(max: number): Promise<CursorStep>;
  close(): Promise<void>;
}

const JOIN_BATCH = 256;

/** The smallest string greater than `s`: resuming at it skips `s` itself. */
export const after = (s: string): string => `${s}\u0000`;

/** The part of a LevelDB key iterator a cursor uses. */
interface Keys {
  next(): Promise<string | undefined>;
  nextv(size: number): Promise<string[]>;
  seek(target: string): void;
  close(): Promise<void>;
}

const open = (db: ClassicLevel, r: Range, resumeAt: string | undefined): Keys => {
  const from = resumeAt === undefined ? r.gte : r.prefix + resumeAt;
  return db.keys({ gte: from > r.gte ? from : r.gte, lt: r.lt });
};

/** One range in key order. Positions are whole keys. */
export function rangeCursor(db: ClassicLevel, range: Range, resumeAt?: string): IndexCursor {
  const it = open(db, { ...range, prefix: '' }, resumeAt);
  return {
    async next(max) {
      // nextv may return fewer than asked before the end (LevelDB read-ahead limits): only none means the end.
      const keys = await it.nextv(max);
      const hits = keys.map((k) => ({ pos: k, seq: seqOfKey(k) }));
      const last = keys[keys.length - 1];
      return { hits, resumeAt: last === undefined ? undefined : after(last), work: keys.length };
    },
    close: () => it.close(),
  };
}

/**
 * The intersection of posting ranges, in suffix order, driven by the smallest: its keys are read in batches and
 * each suffix is looked up in every other posting as one batched point read (`getMany`), so the cost follows
 * the smallest range and no document is fetched before every equality parameter agrees. Positions are suffixes.
 */
export function joinCursor(
  db: ClassicLevel,
  driver: Range,
  others: readonly Range[],
  resumeAt?: string,
): IndexCursor {
  const it = open(db, driver, resumeAt);
  return {
    async next(max) {
      const hits: Hit[] = [];
      let work = 0;
      let last: string | undefined;
      while (hits.length < max && work < max * 64) {
        const keys = await it.nextv(JOIN_BATCH);
        work += keys.length;
        if (keys.length === 0) return { hits, resumeAt: undefined, work };
        const suffixes = keys.map((k) => k.slice(driver.prefix.length));
        const found = await db.getMany(others.flatMap((o) => suffixes.map((s) => o.prefix + s)));
        suffixes.forEach((s, i) => {
          if (others.every((_, j) => found[j * suffixes.length + i] !== undefined))
            hits.push({ pos: s, seq: seqOfKey(s) });
        });
        last = suffixes[suffixes.length - 1];
      }
      // Every suffix read is decided; a page that ends inside this step resumes after its own last hit.
      return { hits, resumeAt: last === undefined ? undefined : after(last), work };
    },
    close: () => it.close(),
  };
}
