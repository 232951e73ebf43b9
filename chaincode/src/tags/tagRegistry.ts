/**
 * Commissioning tags and their status. A brand binds a tag (NFC UID and/or RFID EPC, TID where known) to one
 * of its serialised items with an EPCIS AssociationEvent (parent = the item, child = the tag), so the binding
 * is a passage record like any other, and keeps the tag's status here.
 */
import type { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { authorize, type Caller } from '../access/policy';
import { recordEvents, type RecordResult } from '../contract/passage';
import { ChaincodeError, invalid } from '../errors';
import {
  canonicalId,
  checkCset82,
  itemId,
  locationId,
  normaliseGln,
  normaliseGtin,
} from '../identifiers/gs1Keys';
import { Product } from '../model/product';
import { parseJsonArg, parseWith } from '../model/parse';
import { KeyType } from '../state/keys';
import { Store } from '../state/store';
import { provenanceOf, txTime } from '../txContext';
import { epcTagId, nfcTagId, TagKey, tidTagId } from './tagKeys';
import { NfcUid, Tag, TagInput, TagStatus, TapState } from './tagModel';

const TagRef = z.object({ tagId: z.string() });

/** How a caller names a tag: its tag ID, its NFC UID, or the item it is bound to. */
export const TagSelector = z.union([
  z.object({ tagId: z.string().min(1).max(300) }),
  z.object({ nfcUid: NfcUid }),
  z.object({ item: z.string().min(1).max(512) }),
]);
export type TagSelector = z.infer<typeof TagSelector>;

export const StatusChange = z.object({
  tag: TagSelector,
  status: TagStatus,
  reason: z.string().trim().min(1).max(500).optional(),
});

export async function tagById(store: Store, tagId: string): Promise<Tag | undefined> {
  return store.get(Tag, TagKey.tag, [tagId]);
}

export async function tagByNfcUid(store: Store, uid: string): Promise<Tag | undefined> {
  const ref = await store.get(TagRef, TagKey.byNfcUid, [uid]);
  return ref ? tagById(store, ref.tagId) : undefined;
}

export async function tagByItem(store: Store, item: string): Promise<Tag | undefined> {
  const ref = await store.get(TagRef, TagKey.byItem, [item]);
  return ref ? tagById(store, ref.tagId) : undefined;
}

export async function findTag(store: Store, selector: TagSelector, field: string): Promise<Tag> {
  const tag =
    'tagId' in selector
      ? await tagById(store, selector.tagId)
      : 'nfcUid' in selector
        ? await tagByNfcUid(store, selector.nfcUid)
        : await tagByItem(store, canonicalId(selector.item, `${field}.item`));
  if (!tag) throw new ChaincodeError('NOT_FOUND', field, 'no such tag');
  return tag;
}

export interface Commissioned {
  readonly tag: Tag;
  readonly recorded: RecordResult;
}

export async function commissionTag(ctx: Context, json: string): Promise<Commissioned> {
  const caller = authorize(ctx, 'tag.commission');
  const input = parseJsonArg(TagInput, json, 'tag');
  const gtin = normaliseGtin(input.gtin, 'tag.gtin');
  const serial = checkCset82(input.serial, 'tag.serial');
  const item = itemId(gtin, serial);
  const store = new Store(ctx);
  const product = await store.get(Product, KeyType.product, [gtin]);
  if (!product) throw new ChaincodeError('NOT_FOUND', 'tag.gtin', `product ${gtin} is not registered`);
  if (product.owner !== caller.mspId) {
    throw new ChaincodeError(
      'FORBIDDEN',
      'tag.gtin',
      `only the brand owner (${product.owner}) may commission its tags`,
    );
  }
  if (input.epc !== undefined && canonicalId(input.epc, 'tag.epc') !== item)
    throw invalid('tag.epc', `the EPC must name ${item}`);
  const children = [
    ...(input.nfcUid !== undefined ? [nfcTagId(input.nfcUid)] : []),
    ...(input.tid !== undefined ? [tidTagId(input.tid)] : []),
  ];
  if (children.length === 0) children.push(epcTagId(gtin, serial));
  const tagId = children[0]!;
  await assertFree(store, tagId, input.nfcUid, item);

  const now = txTime(ctx);
  const association = {
    type: 'AssociationEvent',
    action: 'ADD',
    eventTime: now,
    eventTimeZoneOffset: '+00:00',
    parentID: item,
    childEPCs: children,
    bizStep: 'assembling',
    ...(input.gln !== undefined ? { readPoint: { id: locationId(normaliseGln(input.gln, 'tag.gln')) } } : {}),
  };
  const recorded = await recordEvents(ctx, JSON.stringify({ events: [association] }));
  const tag = parseWith(
    Tag,
    {
      tagId,
      item,
      gtin,
      serial,
      ...(input.nfcUid !== undefined ? { nfcUid: input.nfcUid } : {}),
      ...(input.epc !== undefined ? { epc: item } : {}),
      ...(input.tid !== undefined ? { tid: input.tid } : {}),
      owner: caller.mspId,
      status: 'active',
      statusSince: now,
      associationEventID: recorded.eventIDs[0] ?? recorded.duplicates[0],
      provenance: provenanceOf(ctx, caller),
    },
    'tag',
  );
  await store.put(TagKey.tag, [tagId], tag);
  await store.put(TagKey.byItem, [item], { tagId });
  if (input.nfcUid !== undefined) {
    await store.put(TagKey.byNfcUid, [input.nfcUid], { tagId });
    const state: TapState = { counter: input.initialCounter, taps: 0 };
    await store.put(TagKey.tap, [tagId], state);
  }
  return { tag, recorded };
}

/** One item has one live tag; a tag is bound once. A revoked or decommissioned item may get a new tag. */
async function assertFree(store: Store, tagId: string, uid: string | undefined, item: string): Promise<void> {
  if (await store.exists(TagKey.tag, [tagId]))
    throw new ChaincodeError('ALREADY_EXISTS', 'tag', `${tagId} is already commissioned`);
  if (uid !== undefined && (await store.exists(TagKey.byNfcUid, [uid]))) {
    throw new ChaincodeError('ALREADY_EXISTS', 'tag.nfcUid', `${uid} is already bound`);
  }
  const current = await tagByItem(store, item);
  if (current && (current.status === 'active' || current.status === 'sold' || current.status === 'suspect')) {
    throw new ChaincodeError('ALREADY_EXISTS', 'tag.serial', `${item} already has a live tag`);
  }
}

/** The brand owner moves a tag through its life (e.g. revoke a lost tag, clear a suspect one after review). */
export async function changeStatus(ctx: Context, json: string): Promise<Tag> {
  const caller = authorize(ctx, 'tag.commission');
  const input = parseJsonArg(StatusChange, json, 'change');
  const store = new Store(ctx);
  const tag = await findTag(store, input.tag, 'change.tag');
  assertOwner(tag, caller);
  const now = txTime(ctx);
  const next: Tag = {
    ...tag,
    status: input.status,
    statusSince: now,
    ...(input.reason !== undefined ? { statusReason: input.reason } : {}),
    ...(input.status === 'sold' ? { soldAt: now } : {}),
  };
  if (input.reason === undefined) delete next.statusReason;
  await store.put(TagKey.tag, [tag.tagId], next);
  return next;
}

export function assertOwner(tag: Tag, caller: Caller): void {
  if (tag.owner !== caller.mspId)
    throw new ChaincodeError('FORBIDDEN', 'tag', `only the brand owner (${tag.owner}) may do this`);
}

/**
 * What any channel member may read about a tag: binding, status and the highest SUN counter seen (already in
 * world state, and what an NFC writer needs to continue a tag) — never keys, places or alerts.
 */
export function publicTag(tag: Tag, state?: TapState): Record<string, unknown> {
  return {
    ...(state ? { counter: state.counter } : {}),
    tagId: tag.tagId,
    item: tag.item,
    gtin: tag.gtin,
    serial: tag.serial,
    owner: tag.owner,
    status: tag.status,
    statusSince: tag.statusSince,
    nfc: tag.nfcUid !== undefined,
    rfid: tag.epc !== undefined,
  };
}
