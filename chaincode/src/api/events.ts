/**
 * Schemas of every chaincode event payload, by event name, so the read models decode what they follow instead
 * of casting it. `EventsRecorded` is the one the read models build from: it carries full records.
 */
import { z } from 'zod';
import { ChaincodeEventName } from '../contract/names';
import { ErrorDeclaration, EventRecord, Recall, ScanReceipt } from '../model/eventRecord';
import { Location } from '../model/location';
import { Lot } from '../model/lot';
import { Product } from '../model/product';

/** `EventsRecorded`: the records a transaction wrote and the error declarations it made. */
export const EventsRecorded = z.looseObject({
  receipt: z.looseObject(ScanReceipt.shape).optional(),
  records: z.array(EventRecord),
  declarations: z.array(ErrorDeclaration).optional(),
});
export type EventsRecorded = z.infer<typeof EventsRecorded>;

/** Each event name with the schema of its payload. */
export const EventPayload = {
  [ChaincodeEventName.ProductRegistered]: Product,
  [ChaincodeEventName.LotRegistered]: Lot,
  [ChaincodeEventName.LocationRegistered]: Location,
  [ChaincodeEventName.EventsRecorded]: EventsRecorded,
  [ChaincodeEventName.ErrorDeclared]: ErrorDeclaration,
  [ChaincodeEventName.LotRecalled]: Recall,
} as const;
