/** Shapes shared by products, lots, locations and events. */
import { z } from 'zod';

/** ISO 8601 date-time with a UTC designator or offset, as EPCIS requires for eventTime. */
export const DateTime = z.iso.datetime({ offset: true, local: false });
/** ISO 8601 calendar date (harvest, production, expiry). */
export const CalendarDate = z.iso.date();

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as CO');

const Longitude = z.number().min(-180).max(180);
const Latitude = z.number().min(-90).max(90);
const Position = z.tuple([Longitude, Latitude]);

/** GeoJSON (RFC 7946) point: [longitude, latitude]. */
export const GeoPoint = z.object({ type: z.literal('Point'), coordinates: Position });

/** GeoJSON polygon: closed linear rings, first ring the outer boundary. */
export const GeoPolygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z
    .array(z.array(Position).min(4, 'a linear ring has at least 4 positions'))
    .min(1)
    .refine(
      (rings) => rings.every((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1]),
      'a linear ring must end where it starts',
    ),
});

export const Geometry = z.discriminatedUnion('type', [GeoPoint, GeoPolygon]);
export type Geometry = z.infer<typeof Geometry>;

/** A certification claim, after EPCIS 2.0 certificationInfo and GS1 Web Vocabulary gs1:CertificationDetails. */
export const Certification = z.object({
  standard: z.string().min(1).max(120),
  certificateId: z.string().max(120).optional(),
  authority: z.string().max(200).optional(),
  url: z.url().optional(),
  validUntil: CalendarDate.optional(),
});
export type Certification = z.infer<typeof Certification>;

/** Who wrote a record and when: stamped by the contract from the identity and the transaction timestamp. */
export const Provenance = z.object({
  mspId: z.string(),
  role: z.string(),
  txId: z.string(),
  recordedAt: DateTime,
});
export type Provenance = z.infer<typeof Provenance>;

export const ShortText = z.string().trim().min(1).max(200);
