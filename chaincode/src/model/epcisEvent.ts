/**
 * A passage record is a GS1 EPCIS 2.0 event. The contract checks the fields it indexes and reasons about;
 * the gateway validates the full document against GS1's JSON schema before it gets here. Unknown fields and
 * extensions pass through untouched so an event reads back equal in meaning to what was captured.
 */
import { z } from 'zod';
import { DateTime } from './common';

export const EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransformationEvent',
  'AssociationEvent',
  'TransactionEvent',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const Uri = z.string().min(1).max(512);

export const QuantityElement = z.looseObject({
  epcClass: Uri,
  quantity: z.number().nonnegative().optional(),
  uom: z.string().optional(),
});

const IdRef = z.looseObject({ id: Uri });

export const SensorReport = z.looseObject({
  type: z.string().optional(),
  value: z.number().optional(),
  minValue: z.number().optional(),
  maxValue: z.number().optional(),
  meanValue: z.number().optional(),
  uom: z.string().optional(),
  exception: z.string().optional(),
});

export const SensorElement = z.looseObject({
  sensorMetadata: z.looseObject({}).optional(),
  sensorReport: z.array(SensorReport).min(1),
});

export const ErrorDeclarationInput = z.looseObject({
  declarationTime: DateTime,
  reason: z.string().optional(),
  correctiveEventIDs: z.array(Uri).optional(),
});

export const EpcisEvent = z.looseObject({
  type: z.enum(EVENT_TYPES),
  eventTime: DateTime,
  eventTimeZoneOffset: z.string().regex(/^[+-]\d\d:\d\d$/, 'an offset such as +01:00'),
  eventID: Uri.optional(),
  recordTime: DateTime.optional(),
  action: z.enum(['ADD', 'OBSERVE', 'DELETE']).optional(),
  epcList: z.array(Uri).max(10_000).optional(),
  parentID: Uri.optional(),
  childEPCs: z.array(Uri).max(10_000).optional(),
  quantityList: z.array(QuantityElement).max(1000).optional(),
  childQuantityList: z.array(QuantityElement).max(1000).optional(),
  inputEPCList: z.array(Uri).max(10_000).optional(),
  inputQuantityList: z.array(QuantityElement).max(1000).optional(),
  outputEPCList: z.array(Uri).max(10_000).optional(),
  outputQuantityList: z.array(QuantityElement).max(1000).optional(),
  transformationID: Uri.optional(),
  bizStep: z.string().min(1).max(200).optional(),
  disposition: z.string().min(1).max(200).optional(),
  readPoint: IdRef.optional(),
  bizLocation: IdRef.optional(),
  sensorElementList: z.array(SensorElement).max(1000).optional(),
  ilmd: z.looseObject({}).optional(),
  errorDeclaration: ErrorDeclarationInput.optional(),
});
export type EpcisEvent = z.infer<typeof EpcisEvent>;

/** Who may see a record through public (anonymous) lookups. */
export const Visibility = z.enum(['public', 'members']);
export type Visibility = z.infer<typeof Visibility>;
