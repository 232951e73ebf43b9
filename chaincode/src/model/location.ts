/** A place (GLN, optionally with an AI 254 extension): a farm, a washing station, a port, a shop. */
import { z } from 'zod';
import { CountryCode, GeoPoint, Provenance, ShortText } from './common';

export const LocationInput = z.object({
  gln: z.string(),
  extension: z.string().optional(),
  name: ShortText,
  country: CountryCode,
  address: z.string().max(300).optional(),
  geo: GeoPoint.optional(),
  /** Kind of site, shown to consumers: farm, washing_station, warehouse, port, roastery, store… */
  kind: z
    .string()
    .regex(/^[a-z_]{2,40}$/)
    .optional(),
});
export type LocationInput = z.infer<typeof LocationInput>;

export const Location = LocationInput.extend({
  id: z.string(),
  owner: z.string(),
  provenance: Provenance,
});
export type Location = z.infer<typeof Location>;
