/**
 * Anti-counterfeit ledger objects: a tag bound to a serialised item, its tap state (highest SUN read counter and
 * last place), its last RFID sighting, and — in the owning brand's private collection only — alerts and consumer
 * reports. One zod schema per shape gives both the validator and the type.
 */
import { z } from 'zod';
import { DateTime, Provenance } from '../model/common';

/** Tag life: active → sold | decommissioned | revoked; any → suspect (clone evidence) → back by the brand. */
export const TAG_STATUSES = ['active', 'sold', 'decommissioned', 'revoked', 'suspect'] as const;
export const TagStatus = z.enum(TAG_STATUSES);
export type TagStatus = z.infer<typeof TagStatus>;

/** NTAG 424 DNA UID: 7 bytes, upper-case hex as the tag mirrors it. */
export const NfcUid = z.string().regex(/^[0-9A-F]{14}$/, '7-byte UID as 14 upper-case hex characters');
/** ISO/IEC 15963 tag identifier (TID bank), upper-case hex. */
export const TagTid = z.string().regex(/^(?:[0-9A-F]{8}){1,8}$/, 'TID as 8-64 upper-case hex characters');
/** SDM read counter: 24 bits (AN12196 §3.3). */
export const SunCounter = z.number().int().min(0).max(0xffffff);

export const TagInput = z
  .object({
    gtin: z.string(),
    serial: z.string(),
    nfcUid: NfcUid.optional(),
    /** The RFID EPC as an EPC URN or Digital Link; it must name the same GTIN + serial. */
    epc: z.string().max(512).optional(),
    tid: TagTid.optional(),
    /** The SDM read counter after encoding at the factory (taps below it were never in the field). */
    initialCounter: SunCounter.default(0),
    /** Where the tag was bound (GLN), for the AssociationEvent's readPoint. */
    gln: z.string().optional(),
  })
  .refine((t) => t.nfcUid !== undefined || t.epc !== undefined, {
    message: 'a tag has an NFC UID or an RFID EPC',
    path: ['nfcUid'],
  });
export type TagInput = z.input<typeof TagInput>;

export const Tag = z.object({
  tagId: z.string(),
  item: z.string(),
  gtin: z.string(),
  serial: z.string(),
  nfcUid: NfcUid.optional(),
  epc: z.string().optional(),
  tid: TagTid.optional(),
  owner: z.string(),
  status: TagStatus,
  statusSince: DateTime,
  statusReason: z.string().max(500).optional(),
  soldAt: DateTime.optional(),
  associationEventID: z.string(),
  provenance: Provenance,
});
export type Tag = z.infer<typeof Tag>;

/** A place as a phone or a registered location gives it; `country` is the alert region. */
export const Place = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export type Place = z.infer<typeof Place>;

/** Per tag: the highest SUN counter seen in a MAC-verified tap (only rises) and where/when it was. */
export const TapState = z.object({
  counter: SunCounter,
  lastTapAt: DateTime.optional(),
  lastPlace: Place.optional(),
  /** The counter before the last far jump: replays above it are the "harvested URL" pattern. */
  jumpedFrom: SunCounter.optional(),
  taps: z.number().int().min(0),
});
export type TapState = z.infer<typeof TapState>;

/** Per RFID-bound tag: where its EPC was last read. */
export const Sighting = z.object({
  readPoint: z.string(),
  at: DateTime,
  place: Place.optional(),
});
export type Sighting = z.infer<typeof Sighting>;

/** Why a tap or read was not taken as genuine. Brand-only: the public sees one generic message. */
export const ALERT_REASONS = [
  'unknown_tag',
  'replayed',
  'harvested_url',
  'counter_jump',
  'not_active',
  'sold_long_ago',
  'under_review',
  'impossible_travel',
  'epc_clone',
  'read_after_sale',
  'tid_mismatch',
] as const;
export const AlertReason = z.enum(ALERT_REASONS);
export type AlertReason = z.infer<typeof AlertReason>;

export const Alert = z.object({
  alertId: z.string(),
  at: DateTime,
  source: z.enum(['nfc', 'rfid']),
  reasons: z.array(AlertReason).min(1),
  tagId: z.string().optional(),
  item: z.string().optional(),
  gtin: z.string(),
  /** ISO country of the tap or read, `ZZ` when unknown (ISO 3166 user-assigned "unknown"). */
  region: z.string(),
  place: Place.optional(),
  readPoint: z.string().optional(),
  counter: SunCounter.optional(),
  previous: z
    .object({
      at: DateTime.optional(),
      place: Place.optional(),
      readPoint: z.string().optional(),
      counter: SunCounter.optional(),
    })
    .optional(),
  reportedBy: z.object({ mspId: z.string(), role: z.string() }),
  txId: z.string(),
});
export type Alert = z.infer<typeof Alert>;

export const Report = z.object({
  reportId: z.string(),
  at: DateTime,
  item: z.string(),
  gtin: z.string(),
  tagId: z.string().optional(),
  /** What the consumer's own tap showed them, as the gateway judged it. */
  verdict: z.enum(['genuine', 'not_verified', 'none']),
  message: z.string().max(1000).optional(),
  region: z.string(),
  txId: z.string(),
});
export type Report = z.infer<typeof Report>;
