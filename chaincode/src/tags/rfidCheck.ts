/**
 * RFID clone checks: a portal's reads of bound EPCs are compared with each tag's last sighting, status and
 * bound TID; each read that cannot be true becomes an alert for the owning brand. Reads of EPCs no brand bound
 * are counted and otherwise ignored: an unbound EPC claims nothing.
 */
import type { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { authorize } from '../access/policy';
import { DateTime } from '../model/common';
import { canonicalId } from '../identifiers/gs1Keys';
import { parseJsonArg } from '../model/parse';
import { Store } from '../state/store';
import { Inbox } from './brandInbox';
import { judgeRead } from './rfidJudgement';
import { TagKey } from './tagKeys';
import { Sighting, TagTid, type Tag } from './tagModel';
import { tagByItem } from './tagRegistry';
import { placeOf } from './tapRecorder';

export const MAX_READS_PER_CHECK = 1000;

export const ReadCheckInput = z.object({
  readPoint: z.string().min(1).max(512),
  reads: z
    .array(z.object({ epc: z.string().min(1).max(512), tid: TagTid.optional(), time: DateTime }))
    .min(1)
    .max(MAX_READS_PER_CHECK),
});

export interface ReadCheckAnswer {
  readonly checked: number;
  readonly unbound: number;
  /** Indexes of reads that raised an alert (no reasons: those are the brand's). */
  readonly flagged: readonly number[];
}

export async function checkReads(ctx: Context, json: string): Promise<ReadCheckAnswer> {
  const caller = authorize(ctx, 'tag.tap');
  const input = parseJsonArg(ReadCheckInput, json, 'check');
  const store = new Store(ctx);
  const where = await placeOf(store, input.readPoint);
  const readPoint = where.id!;
  const inbox = new Inbox(ctx);
  // Fabric reads do not see this transaction's own writes: keep each tag's sighting here as it moves.
  const sightings = new Map<string, Sighting | undefined>();
  const tags = new Map<string, Tag | undefined>();
  const flagged: number[] = [];
  let unbound = 0;
  for (const [i, read] of input.reads.entries()) {
    const item = canonicalId(read.epc, `check.reads.${i}.epc`);
    if (!tags.has(item)) tags.set(item, await tagByItem(store, item));
    const tag = tags.get(item);
    if (!tag || tag.epc === undefined) {
      unbound++;
      continue;
    }
    if (!sightings.has(tag.tagId))
      sightings.set(tag.tagId, await store.get(Sighting, TagKey.sighting, [tag.tagId]));
    const last = sightings.get(tag.tagId);
    const at = new Date(read.time).toISOString();
    const verdict = judgeRead(
      {
        tag,
        last,
        readPoint,
        atMs: Date.parse(at),
        ...(where.place ? { place: where.place } : {}),
        ...(read.tid ? { tid: read.tid } : {}),
      },
      at,
    );
    sightings.set(tag.tagId, verdict.next);
    if (verdict.reasons.length > 0) {
      flagged.push(i);
      await inbox.alert(tag.owner, {
        source: 'rfid',
        reasons: [...verdict.reasons],
        gtin: tag.gtin,
        tagId: tag.tagId,
        item: tag.item,
        readPoint,
        ...(where.place ? { place: where.place } : {}),
        ...(last
          ? {
              previous: {
                at: last.at,
                readPoint: last.readPoint,
                ...(last.place ? { place: last.place } : {}),
              },
            }
          : {}),
        reportedBy: { mspId: caller.mspId, role: caller.role },
      });
    }
  }
  for (const [tagId, sighting] of [...sightings.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (sighting) await store.put(TagKey.sighting, [tagId], sighting);
  }
  return { checked: input.reads.length, unbound, flagged };
}
