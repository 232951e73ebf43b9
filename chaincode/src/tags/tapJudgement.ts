/**
 * Judging a MAC-verified NFC tap (AN12196 leaves clone and replay detection to the back end). Pure and
 * deterministic: the same facts give the same verdict on every endorsing peer.
 */
import type { AlertReason, Place, Tag, TapState } from './tagModel';
import { impossibleTravel } from './travel';

/** A genuine tag tapped by phones that never reached us (NFC apps, offline) skips a few counts, not this many. */
export const COUNTER_JUMP_LIMIT = 50;
/** A tag sold this long ago and tapped again is the re-tagging pattern (a genuine tag moved onto a fake). */
export const SOLD_LONG_AGO_DAYS = 365;
const DAY_MS = 86_400_000;

export interface TapFacts {
  readonly tag: Tag | undefined;
  readonly state: TapState | undefined;
  readonly counter: number;
  /** Transaction time, ms since the epoch. */
  readonly atMs: number;
  readonly place?: Place;
  /** A member's supply-chain scan: after a sale the item has left the chain, so any such scan is suspect. */
  readonly supplyChain?: boolean;
}

export interface TapJudgement {
  /** True when the tap shows a genuine tag: the public verdict is "genuine". */
  readonly genuine: boolean;
  readonly reasons: readonly AlertReason[];
  /** The tap state to store, or undefined when nothing changes (replays never move the counter). */
  readonly next: TapState | undefined;
  /** A status the tag must move to (clone evidence), if any. */
  readonly status?: 'suspect';
}

export function judgeTap(f: TapFacts, atIso: string): TapJudgement {
  if (!f.tag) return { genuine: false, reasons: ['unknown_tag'], next: undefined };
  const base = f.state?.counter ?? 0;
  if (f.state && f.counter <= f.state.counter) {
    const harvested = f.state.jumpedFrom !== undefined && f.counter > f.state.jumpedFrom;
    return {
      genuine: false,
      reasons: harvested ? ['replayed', 'harvested_url'] : ['replayed'],
      next: undefined,
    };
  }
  const reasons: AlertReason[] = [];
  const { status } = f.tag;
  if (status === 'decommissioned' || status === 'revoked') reasons.push('not_active');
  if (status === 'suspect') reasons.push('under_review');
  if (status === 'sold' && f.supplyChain === true) reasons.push('read_after_sale');
  else if (
    status === 'sold' &&
    f.tag.soldAt !== undefined &&
    f.atMs - Date.parse(f.tag.soldAt) > SOLD_LONG_AGO_DAYS * DAY_MS
  ) {
    reasons.push('sold_long_ago');
  }
  const jumped = f.counter - base > COUNTER_JUMP_LIMIT;
  if (jumped) reasons.push('counter_jump');
  const last = f.state?.lastPlace;
  const lastAt = f.state?.lastTapAt;
  const travel =
    last !== undefined &&
    lastAt !== undefined &&
    f.place !== undefined &&
    impossibleTravel(last, Date.parse(lastAt), f.place, f.atMs);
  if (travel) reasons.push('impossible_travel');
  // The counter rises for every MAC-verified tap above it, judged genuine or not: that URL is spent.
  const next: TapState = {
    counter: f.counter,
    lastTapAt: atIso,
    ...(f.place ? { lastPlace: f.place } : last ? { lastPlace: last } : {}),
    ...(jumped
      ? { jumpedFrom: base }
      : f.state?.jumpedFrom !== undefined
        ? { jumpedFrom: f.state.jumpedFrom }
        : {}),
    taps: (f.state?.taps ?? 0) + 1,
  };
  return { genuine: reasons.length === 0, reasons, next, ...(travel ? { status: 'suspect' as const } : {}) };
}
