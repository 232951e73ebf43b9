/**
 * Walking the read model's index ranges. Every posting key ends with the same suffix, `eventTime␀seq` (a total
 * order over events), so several equality postings can be intersected by a leapfrog join: each range seeks to
 * the largest suffix any other has reached, and an event is a match when all ranges stand on it. The join
 * reads about as many keys as the smallest range holds, however large the others are, and fetches no document
 * until every equality parameter agrees.
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
      const keys = await it.nextv(max);
      const hits = keys.map((k) => ({ pos: k, seq: seqOfKey(k) }));
      const last = keys[keys.length - 1];
      return { hits, resumeAt: keys.length < max || last === undefined ? undefined : after(last), work: keys.length };
    },
    close: () => it.close(),
  };
}

/** The intersection of posting ranges, in suffix order. Positions are suffixes. */
export function joinCursor(db: ClassicLevel, ranges: readonly Range[], resumeAt?: string): IndexCursor {
  const its = ranges.map((r) => open(db, r, resumeAt));
  const current: (string | undefined)[] = [];
  let started = false;
  const suffix = (i: number): string | undefined => current[i]?.slice(ranges[i]!.prefix.length);
  const advanceAll = async (): Promise<void> => {
    const keys = await Promise.all(its.map((it) => it.next()));
    keys.forEach((k, i) => (current[i] = k));
  };
  return {
    async next(max) {
      const hits: Hit[] = [];
      let work = 0;
      if (!started) {
        started = true;
        await advanceAll();
        work += its.length;
      }
      while (hits.length < max && work < max * 64) {
        const suffixes = current.map((_, i) => suffix(i));
        if (suffixes.some((s) => s === undefined)) return { hits, resumeAt: undefined, work };
        const top = (suffixes as string[]).reduce((a, b) => (b > a ? b : a));
        if (suffixes.every((s) => s === top)) {
          hits.push({ pos: top, seq: seqOfKey(top) });
          await advanceAll();
          work += its.length;
          continue;
        }
        for (const [i, s] of suffixes.entries()) {
          if (s === top) continue;
          its[i]!.seek(ranges[i]!.prefix + top);
          current[i] = await its[i]!.next();
          work++;
        }
      }
      // Every suffix below the lowest current position is decided; an exhausted range ends the join.
      const positions = current.map((_, i) => suffix(i));
      if (positions.some((s) => s === undefined)) return { hits, resumeAt: undefined, work };
      return { hits, resumeAt: (positions as string[]).reduce((a, b) => (b < a ? b : a)), work };
    },
    async close() {
      await Promise.all(its.map((it) => it.close()));
    },
  };
}
