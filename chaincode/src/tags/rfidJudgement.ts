/**
 * Judging an RFID read of a bound EPC. An EPC is only an identifier and can be copied onto another tag (TDS),
 * so the evidence is circumstantial: two read points that cannot both be true, a read after the item left the
 * supply chain, or a chip (TID) other than the one bound at commissioning.
 */
import type { AlertReason, Place, Sighting, Tag } from './tagModel';
import { impossibleTravel } from './travel';

/** Two portals reading one EPC within this many ms of each other cannot both hold the item. */
export const SIMULTANEOUS_MS = 2_000;

export interface ReadFacts {
  readonly tag: Tag;
  readonly last: Sighting | undefined;
  readonly readPoint: string;
  readonly atMs: number;
  readonly place?: Place;
  readonly tid?: string;
}

export interface ReadJudgement {
  readonly reasons: readonly AlertReason[];
  /** Sighting to store: the later of the last one and this read (uploads may arrive out of order). */
  readonly next: Sighting;
}

export function judgeRead(f: ReadFacts, atIso: string): ReadJudgement {
  const reasons: AlertReason[] = [];
  if (f.tag.tid !== undefined && f.tid !== undefined && f.tid !== f.tag.tid) reasons.push('tid_mismatch');
  if (f.tag.status === 'sold') reasons.push('read_after_sale');
  if (f.tag.status === 'decommissioned' || f.tag.status === 'revoked') reasons.push('not_active');
  const last = f.last;
  if (last && last.readPoint !== f.readPoint) {
    const lastMs = Date.parse(last.at);
    if (Math.abs(f.atMs - lastMs) <= SIMULTANEOUS_MS) reasons.push('epc_clone');
    else if (last.place && f.place && impossibleTravel(last.place, lastMs, f.place, f.atMs))
      reasons.push('impossible_travel');
  }
  const here: Sighting = { readPoint: f.readPoint, at: atIso, ...(f.place ? { place: f.place } : {}) };
  const next = last && Date.parse(last.at) > f.atMs ? last : here;
  return { reasons, next };
}
