/**
 * The public trace: everything an anonymous consumer may learn from a scan, and nothing else. Every object is
 * strict, so parsing a projection with this schema fails if a field outside the allow-list ever slips in; the
 * same schema is the TypeScript type the page renderer and the lookup route use.
 */
import { z } from 'zod';
import {
  CalendarDate,
  CountryCode,
  ERROR_REASONS,
  EVENT_TYPES,
  GeoPoint,
  LotInput,
  Plot,
} from '../../../chaincode/src/api';

const Text = z.string().min(1).max(2000);

/** `2026-03-01T10:00:00-05:00`: the moment as the recorder's clock read it (EPCIS eventTimeZoneOffset). */
export const LocalDateTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);

export const PublicCertification = z.strictObject({
  standard: Text,
  certificateId: Text.optional(),
  authority: Text.optional(),
  url: z.url().optional(),
  validUntil: CalendarDate.optional(),
});
export type PublicCertification = z.infer<typeof PublicCertification>;

export const PublicProduct = z.strictObject({
  /** GTIN-14: printed on the pack anyway. */
  gtin: z.string().regex(/^\d{14}$/),
  name: Text,
  brand: Text.optional(),
  family: z.enum(['food', 'coffee', 'goods']),
  description: Text.optional(),
  imageUrl: z.url().optional(),
});
export type PublicProduct = z.infer<typeof PublicProduct>;

/** The public part of a plot: the ledger's own shape, picked field by field (allow-list), nothing else. */
export const PublicPlot = z.strictObject(
  Plot.pick({ name: true, areaHa: true, geometry: true, harvestStart: true, harvestEnd: true }).shape,
);
export type PublicPlot = z.infer<typeof PublicPlot>;

/** Where a lot in the trace came from: the scanned lot's own origin or an ingredient's (green coffee…). */
export const PublicOrigin = z.strictObject({
  lot: Text,
  productName: Text.optional(),
  country: CountryCode,
  region: Text.optional(),
  producer: Text.optional(),
  plots: z.array(PublicPlot),
});
export type PublicOrigin = z.infer<typeof PublicOrigin>;

export const PublicLot = z.strictObject(
  LotInput.pick({ lot: true, productionDate: true, harvestDate: true, expiryDate: true }).shape,
);
export type PublicLot = z.infer<typeof PublicLot>;

export const PublicPlace = z.strictObject({
  name: Text,
  country: CountryCode,
  /** Kind of site (farm, washing_station, port, roastery, store…). */
  kind: z.string().optional(),
  geo: GeoPoint.optional(),
});
export type PublicPlace = z.infer<typeof PublicPlace>;

export const TemperatureReading = z.strictObject({
  time: LocalDateTime.optional(),
  value: z.number(),
  alarm: z.boolean(),
});

/** Temperature reports of one event, summarised; `unit` is a display unit (°C, °F, K). */
export const TemperatureSummary = z.strictObject({
  min: z.number(),
  max: z.number(),
  unit: z.string(),
  /** True if any report carried EPCIS `exception: ALARM_CONDITION`. */
  alarm: z.boolean(),
  readings: z.array(TemperatureReading),
});
export type TemperatureSummary = z.infer<typeof TemperatureSummary>;

export const PublicStage = z.strictObject({
  /** Short step term (`receiving`, `roasting`) for icons and tests; absent when the event had no bizStep. */
  step: z.string().optional(),
  /** Human label in the past tense: "Harvested", "Roasted", "Received". */
  label: Text,
  time: LocalDateTime,
  eventType: z.enum(EVENT_TYPES),
  place: PublicPlace.optional(),
  /** For transformations: what went in and what came out, by product name. */
  transformation: z.strictObject({ inputs: z.array(Text), outputs: z.array(Text) }).optional(),
  temperature: TemperatureSummary.optional(),
  /** Display name of the recording organisation, only if the gateway was given one for its MSP. */
  recordedBy: Text.optional(),
});
export type PublicStage = z.infer<typeof PublicStage>;

export const PublicRecall = z.strictObject({
  reason: Text,
  /** Calendar date (UTC) the recall was recorded. */
  date: CalendarDate,
  lot: Text.optional(),
});
export type PublicRecall = z.infer<typeof PublicRecall>;

/** A public record that its author retracted (EPCIS errorDeclaration): counted, never shown. */
export const PublicCorrection = z.strictObject({
  declaredAt: CalendarDate,
  reason: z.enum([...ERROR_REASONS, 'other']),
});
export type PublicCorrection = z.infer<typeof PublicCorrection>;

export const PublicTrace = z.strictObject({
  /** Canonical GS1 Digital Link of the scanned thing. */
  id: z.string(),
  product: PublicProduct.optional(),
  lot: PublicLot.optional(),
  origins: z.array(PublicOrigin),
  stages: z.array(PublicStage),
  /** True when any lot in the trace is recalled: the page shows a red banner. */
  recalled: z.boolean(),
  recalls: z.array(PublicRecall),
  /** The product's certifications and those of every lot in the trace, each once. */
  certifications: z.array(PublicCertification),
  corrections: z.array(PublicCorrection),
  /** The ledger walk stopped at its limits: some history may be missing. */
  partial: z.boolean(),
});
export type PublicTrace = z.infer<typeof PublicTrace>;
