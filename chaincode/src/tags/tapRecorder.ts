/**
 * Recording NFC taps. The gateway holding the brand's keys has already checked the SUN MAC (AN12196): the
 * chaincode cannot, since keys never reach the ledger. Here the tap is judged against the ledger's memory of
 * the tag — highest counter, status, last place and time — the counter is raised, and every failure becomes an
 * alert in the owning brand's private collection. Answers carry no reasons: a transaction's result is in the
 * block every member holds, and reasons are the brand's alone.
 */
import type { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { authorize, type Caller } from '../access/policy';
import { recordEvents, type RecordResult } from '../contract/passage';
import { DateTime } from '../model/common';
import { canonicalId } from '../identifiers/gs1Keys';
import { Location } from '../model/location';
import { ScanReceipt } from '../model/eventRecord';
import { parseJsonArg } from '../model/parse';
import { KeyType } from '../state/keys';
import { Store } from '../state/store';
import { txTime } from '../txContext';
import { Inbox, transientJson } from './brandInbox';
import { TagKey } from './tagKeys';
import { NfcUid, Place, SunCounter, type Tag, TapState } from './tagModel';
import { tagByNfcUid } from './tagRegistry';
import { judgeTap } from './tapJudgement';

export const TapInput = z.object({
  uid: NfcUid,
  counter: SunCounter,
  /** MSP of the brand whose keys verified the MAC: it gets the alert when the UID is not on the ledger. */
  keyOwner: z.string().min(1).max(100),
  readPoint: z.string().max(512).optional(),
});

export const NfcScanInput = TapInput.extend({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9._~:/+=-]{8,200}$/),
  readPoint: z.string().max(512),
  bizStep: z.string().min(1).max(200),
  disposition: z.string().min(1).max(200).optional(),
  eventTime: DateTime.optional(),
});

/** What a tap answer says, to whoever submitted it. */
export interface TapAnswer {
  readonly genuine: boolean;
  readonly item?: string;
  readonly alertId?: string;
}

/** Places are kept to 0.1° (about 11 km): enough to judge travel, not enough to find a consumer's home. */
const coarse = (p: Place): Place => ({
  lat: Math.round(p.lat * 10) / 10,
  lon: Math.round(p.lon * 10) / 10,
  ...(p.country ? { country: p.country } : {}),
});

/** A registered location's point and country, when it has them. */
export async function placeOf(
  store: Store,
  readPoint: string | undefined,
): Promise<{ id?: string; place?: Place }> {
  if (readPoint === undefined) return {};
  const id = canonicalId(readPoint, 'readPoint');
  const location = await store.get(Location, KeyType.location, [id]);
  if (!location?.geo) return { id };
  const [lon, lat] = location.geo.coordinates;
  return { id, place: { lat, lon, country: location.country } };
}

/** Where a phone says it is: a transient input (`place`), so the exact point never reaches the block. */
function tapPlace(ctx: Context): Place | undefined {
  const place = transientJson(ctx, 'place', Place);
  return place ? coarse(place) : undefined;
}

async function judgeAndStore(
  ctx: Context,
  store: Store,
  caller: Caller,
  input: z.infer<typeof TapInput>,
  supplyChain: boolean,
): Promise<TapAnswer & { tag?: Tag }> {
  const tag = await tagByNfcUid(store, input.uid);
  const phone = tapPlace(ctx);
  const located = phone ? { place: phone } : await placeOf(store, input.readPoint);
  const where = { ...located, ...(located.place ? { place: coarse(located.place) } : {}) };
  const state = tag ? await store.get(TapState, TagKey.tap, [tag.tagId]) : undefined;
  const now = txTime(ctx);
  const verdict = judgeTap(
    {
      tag,
      state,
      counter: input.counter,
      atMs: Date.parse(now),
      supplyChain,
      ...(where.place ? { place: where.place } : {}),
    },
    now,
  );
  if (tag && verdict.next) await store.put(TagKey.tap, [tag.tagId], verdict.next);
  if (tag && verdict.status)
    await store.put(TagKey.tag, [tag.tagId], {
      ...tag,
      status: verdict.status,
      statusSince: now,
      statusReason: 'clone evidence: see the brand alerts',
    });
  if (verdict.genuine) return { genuine: true, item: tag!.item, tag: tag! };
  const alert = await new Inbox(ctx).alert(tag?.owner ?? input.keyOwner, {
    source: 'nfc',
    reasons: [...verdict.reasons],
    gtin: tag?.gtin ?? '00000000000000',
    ...(tag ? { tagId: tag.tagId, item: tag.item } : {}),
    ...(where.place ? { place: where.place } : {}),
    ...(where.id ? { readPoint: where.id } : {}),
    counter: input.counter,
    ...(state
      ? {
          previous: {
            counter: state.counter,
            ...(state.lastTapAt ? { at: state.lastTapAt } : {}),
            ...(state.lastPlace ? { place: state.lastPlace } : {}),
          },
        }
      : {}),
    reportedBy: { mspId: caller.mspId, role: caller.role },
  });
  return { genuine: false, alertId: alert.alertId, ...(tag ? { item: tag.item, tag } : {}) };
}

/** A consumer's or member's tap, MAC already verified by the gateway. */
export async function recordTap(ctx: Context, json: string): Promise<TapAnswer> {
  const caller = authorize(ctx, 'tag.tap');
  const input = parseJsonArg(TapInput, json, 'tap');
  const { tag: _tag, ...answer } = await judgeAndStore(ctx, new Store(ctx), caller, input, false);
  return answer;
}

export interface NfcScanAnswer extends TapAnswer {
  readonly replayed: boolean;
  readonly receipt?: Omit<RecordResult, 'records' | 'replayed' | 'declarations'>;
  readonly recorded?: RecordResult;
}

/**
 * A member's tap at a supply-chain stage: judged like any tap and, when genuine, recorded as a passage record
 * (ObjectEvent OBSERVE of the bound item) under an idempotency key derived from (UID, counter). A retry of that
 * key returns the first answer before any judging, so a retried genuine tap is not mistaken for a replay.
 */
export async function recordNfcScan(ctx: Context, json: string): Promise<NfcScanAnswer> {
  const caller = authorize(ctx, 'tag.tap');
  const input = parseJsonArg(NfcScanInput, json, 'scan');
  const store = new Store(ctx);
  const receipt = await store.get(ScanReceipt, KeyType.scanReceipt, [input.idempotencyKey]);
  if (receipt) return { genuine: true, replayed: true, receipt };
  const answer = await judgeAndStore(ctx, store, caller, input, true);
  if (!answer.genuine || !answer.tag)
    return { genuine: false, replayed: false, ...(answer.alertId ? { alertId: answer.alertId } : {}) };
  const tag = answer.tag;
  const event = {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime: input.eventTime ?? txTime(ctx),
    eventTimeZoneOffset: '+00:00',
    epcList: [tag.item],
    bizStep: input.bizStep,
    ...(input.disposition ? { disposition: input.disposition } : {}),
    readPoint: { id: input.readPoint },
  };
  const recorded = await recordEvents(
    ctx,
    JSON.stringify({ idempotencyKey: input.idempotencyKey, events: [event] }),
  );
  if (/(^|[:/])retail_selling$/.test(input.bizStep)) {
    const now = txTime(ctx);
    await store.put(TagKey.tag, [tag.tagId], { ...tag, status: 'sold', statusSince: now, soldAt: now });
  }
  const { records: _r, replayed: _p, ...receiptOut } = recorded;
  return { genuine: true, item: tag.item, replayed: false, receipt: receiptOut, recorded };
}
