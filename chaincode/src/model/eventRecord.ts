/**
 * What the ledger stores per passage record: the EPCIS event (with its hash eventID and the transaction's
 * recordTime) plus who recorded it. Commercial details never appear here: only the hash of the private record
 * in the recorder's own private data collection.
 */
import { z } from 'zod';
import { EpcisEvent, Visibility } from './epcisEvent';
import { DateTime, Provenance } from './common';

export const CommercialRef = z.object({ collection: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const EventRecord = z.object({
  event: EpcisEvent.extend({ eventID: z.string(), recordTime: DateTime }),
  provenance: Provenance,
  visibility: Visibility,
  commercial: CommercialRef.optional(),
});
export type EventRecord = z.infer<typeof EventRecord>;

export { ERROR_REASONS } from '../epcis/cbv';

export const ErrorDeclaration = z.object({
  eventID: z.string(),
  declarationTime: DateTime,
  reason: z.string(),
  correctiveEventIDs: z.array(z.string()),
  provenance: Provenance,
});
export type ErrorDeclaration = z.infer<typeof ErrorDeclaration>;

export const Recall = z.object({
  id: z.string(),
  reason: z.string().min(1).max(1000),
  eventID: z.string(),
  provenance: Provenance,
});
export type Recall = z.infer<typeof Recall>;

/** The answer to a scan, kept under its idempotency key so a retried scan returns it and writes nothing. */
export const ScanReceipt = z.object({
  idempotencyKey: z.string(),
  eventIDs: z.array(z.string()),
  duplicates: z.array(z.string()),
  txId: z.string(),
  recordTime: DateTime,
});
export type ScanReceipt = z.infer<typeof ScanReceipt>;
