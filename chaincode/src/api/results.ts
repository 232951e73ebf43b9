/**
 * Schemas of what every transaction returns (its JSON result), so the gateway decodes each answer instead of
 * casting it. Model shapes are the chaincode's own schemas; the rest is described here once. Answers are loose
 * objects: a field the contract adds later passes through instead of being dropped.
 */
import { z } from 'zod';
import { ErrorDeclaration, EventRecord, ScanReceipt } from '../model/eventRecord';
import { Alert, Report, Tag } from '../tags/tagModel';

/** `RecordEvents`: the scan's receipt, and whether it is the first answer of a retried idempotency key. */
export const RecordReceipt = z.looseObject({ ...ScanReceipt.shape, replayed: z.boolean() });
export type RecordReceipt = z.infer<typeof RecordReceipt>;

/** `RecordScans`: per scan, in order, its receipt or the refusal of that scan alone. */
export const ScanOutcome = z.union([
  z.looseObject({ receipt: RecordReceipt }),
  z.looseObject({ error: z.string(), idempotencyKey: z.string() }),
]);
export type ScanOutcome = z.infer<typeof ScanOutcome>;
export const ScanOutcomes = z.array(ScanOutcome);
export type ScanOutcomes = z.infer<typeof ScanOutcomes>;

/** `GetEvent`, and each record of a `QueryEvents` page: the record with its error declaration, if any. */
export const DeclaredEventRecord = z.looseObject({
  ...EventRecord.shape,
  errorDeclaration: ErrorDeclaration.optional(),
});
export type DeclaredEventRecord = z.infer<typeof DeclaredEventRecord>;

/** `QueryEvents`: one page, with the bookmark of the next (empty past the end). */
export const EventPage = z.looseObject({
  records: z.array(DeclaredEventRecord),
  bookmark: z.string(),
  fetched: z.number(),
});
export type EventPage = z.infer<typeof EventPage>;

/** `History`: every version of a record with the transaction that wrote it. */
export const HistoryVersion = z.looseObject({
  txId: z.string(),
  isDelete: z.boolean(),
  timestamp: z.string(),
  value: z.unknown(),
});
export const History = z.array(HistoryVersion);
export type History = z.infer<typeof History>;

/** `GetCommercialDetails`: the private record as its organisation stored it. */
export const CommercialDetails = z.unknown();

/** `CommissionTag`, `SetTagStatus`, `GetTag`: a tag as members may see it (never its keys). */
export const PublicTag = z.looseObject({
  ...Tag.pick({
    tagId: true,
    item: true,
    gtin: true,
    serial: true,
    owner: true,
    status: true,
    statusSince: true,
  }).shape,
  counter: z.number().optional(),
  nfc: z.boolean(),
  rfid: z.boolean(),
});
export type PublicTag = z.infer<typeof PublicTag>;

/** `RecordTap`: the verdict on a tap (reasons stay in the brand's inbox). */
export const TapAnswer = z.looseObject({
  genuine: z.boolean(),
  item: z.string().optional(),
  alertId: z.string().optional(),
});
export type TapAnswer = z.infer<typeof TapAnswer>;

/** `RecordNfcScan`: the verdict and, when genuine, the receipt of the passage record it made. */
export const NfcScanAnswer = z.looseObject({
  ...TapAnswer.shape,
  replayed: z.boolean(),
  receipt: z.looseObject(ScanReceipt.shape).optional(),
});
export type NfcScanAnswer = z.infer<typeof NfcScanAnswer>;

/** `CheckEpcReads`: counts, and the indexes of reads that raised an alert. */
export const ReadCheckAnswer = z.looseObject({
  checked: z.number(),
  unbound: z.number(),
  flagged: z.array(z.number()),
});
export type ReadCheckAnswer = z.infer<typeof ReadCheckAnswer>;

/** `FileReport`. */
export const FiledReport = z.looseObject({ reportId: z.string() });

/** `ListAlerts`: the brand's alerts, with counts per product and region. */
export const AlertSummary = z.looseObject({
  gtin: z.string(),
  region: z.string(),
  count: z.number(),
  reasons: z.record(z.string(), z.number()),
});
export const AlertList = z.looseObject({ alerts: z.array(Alert), summary: z.array(AlertSummary) });
export type AlertList = z.infer<typeof AlertList>;

/** `ListReports`. */
export const ReportList = z.looseObject({ reports: z.array(Report) });
export type ReportList = z.infer<typeof ReportList>;
