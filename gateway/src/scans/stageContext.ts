/**
 * The stage context every scan carries: which step (bizStep), where (a GLN, an SGLN URN or a Digital Link),
 * when, which device, and optional sensor readings. One schema gives the request validator and the type.
 */
import { z } from 'zod';

const Gln = z.string().regex(/^\d{13}$/, 'a 13-digit GLN');
const Place = z.union([Gln, z.string().startsWith('urn:epc:id:sgln:'), z.url()]);

export const Temperature = z.object({
  value: z.number().min(-100).max(200),
  uom: z.enum(['CEL', 'FAR']).default('CEL'),
  /** Acceptable range; a reading outside it is reported as an ALARM_CONDITION (bizRules names the range). */
  min: z.number().optional(),
  max: z.number().optional(),
});

export const StageContext = z.object({
  bizStep: z.string().min(1).max(200),
  /** Read point (where the scan happened); a GLN, SGLN URN or Digital Link /414/… URL. */
  location: Place,
  /** Business location after the step, when it differs from the read point. */
  bizLocation: Place.optional(),
  disposition: z.string().min(1).max(200).optional(),
  device: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/)
    .optional(),
  /** ISO 8601 with offset; default: the time the gateway accepted the scan. */
  eventTime: z.iso.datetime({ offset: true }).optional(),
  temperature: Temperature.optional(),
  visibility: z.enum(['public', 'members']).optional(),
  /** Commercial details (price, contract…): kept in the member's private data collection, never public. */
  commercial: z.record(z.string(), z.unknown()).optional(),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9._~:/+=-]{8,200}$/)
    .optional(),
});
export type StageContext = z.infer<typeof StageContext>;

export const QrScanRequest = StageContext.extend({ digitalLink: z.string().min(1).max(2048) });
export type QrScanRequest = z.infer<typeof QrScanRequest>;

export const RfidReadJson = z.object({
  epc: z.string().max(64),
  antenna: z.number().int().min(0).max(65535).default(0),
  rssi: z.number().int().min(-128).max(20).default(-60),
  /** Unix ms or ISO 8601. */
  time: z.union([z.number().int().positive(), z.iso.datetime({ offset: true })]),
});

export const RfidBatchRequest = StageContext.omit({ location: true, eventTime: true }).extend({
  readerId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
  readPoint: Place,
  batchId: z
    .string()
    .regex(/^[A-Za-z0-9._~:-]{1,128}$/)
    .optional(),
  reads: z.array(RfidReadJson).min(1),
});
export type RfidBatchRequest = z.infer<typeof RfidBatchRequest>;
