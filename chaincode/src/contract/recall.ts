/**
 * Recall: a brand (owner of the product) or a regulator marks a lot recalled. The recall is also recorded as an
 * EPCIS ObjectEvent with disposition `recalled`, so it appears in the journey and in EPCIS exports; every
 * descendant of the lot reports it because trace looks for recalls on all ancestors.
 */
import type { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { authorize } from '../access/policy';
import { ChaincodeError } from '../errors';
import { Lot } from '../model/lot';
import { Product } from '../model/product';
import { Recall } from '../model/eventRecord';
import { parseGs1Key } from '../identifiers/gs1Keys';
import { parseJsonArg, parseWith } from '../model/parse';
import { KeyType } from '../state/keys';
import { Store } from '../state/store';
import { provenanceOf, txTime } from '../txContext';
import { recordEvents } from './passage';

const RecallInput = z.object({ id: z.string(), reason: z.string().trim().min(1).max(1000) });

export async function recallLot(ctx: Context, json: string): Promise<Recall> {
  const caller = authorize(ctx, 'lot.recall');
  const input = parseJsonArg(RecallInput, json, 'recall');
  const key = parseGs1Key(input.id, 'recall.id');
  if (key.kind !== 'lot')
    throw new ChaincodeError('INVALID_ARGUMENT', 'recall.id', 'a recall names a lot (/01/{gtin}/10/{lot})');
  const store = new Store(ctx);
  const lot = await store.get(Lot, KeyType.lot, [key.id]);
  if (!lot) throw new ChaincodeError('NOT_FOUND', 'recall.id', `${key.id} is not registered`);
  const product = await store.get(Product, KeyType.product, [key.gtin]);
  if (caller.role === 'brand' && product?.owner !== caller.mspId) {
    throw new ChaincodeError(
      'FORBIDDEN',
      'recall.id',
      `only the brand owner (${product?.owner ?? 'unknown'}) or a regulator may recall`,
    );
  }
  if (await store.exists(KeyType.recall, [key.id])) {
    throw new ChaincodeError('ALREADY_EXISTS', 'recall.id', `${key.id} is already recalled`);
  }
  const time = txTime(ctx);
  const recorded = await recordEvents(
    ctx,
    JSON.stringify({
      events: [
        {
          type: 'ObjectEvent',
          action: 'OBSERVE',
          eventTime: time,
          eventTimeZoneOffset: '+00:00',
          quantityList: [{ epcClass: key.id }],
          bizStep: 'holding',
          disposition: 'recalled',
        },
      ],
    }),
  );
  const recall = parseWith(
    Recall,
    {
      id: key.id,
      reason: input.reason,
      eventID: recorded.eventIDs[0] ?? recorded.duplicates[0],
      provenance: provenanceOf(ctx, caller),
    },
    'recall',
  );
  await store.put(KeyType.recall, [key.id], recall);
  return recall;
}
