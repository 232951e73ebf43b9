/**
 * A lot (GTIN + batch/lot number, AI 10): what farmers harvest and processors make. Its origin carries the
 * production plots with geolocation, which the EU Deforestation Regulation asks for (polygons above 4 ha).
 */
import { z } from 'zod';
import { CalendarDate, Certification, CountryCode, Geometry, Provenance, ShortText } from './common';

export const Plot = z.object({
  plotId: ShortText,
  name: ShortText.optional(),
  areaHa: z.number().positive().max(1_000_000).optional(),
  /** Missing geolocation is allowed on the ledger, but makes a lot non-compliant for EUDR. */
  geometry: Geometry.optional(),
  producer: ShortText.optional(),
  harvestStart: CalendarDate.optional(),
  harvestEnd: CalendarDate.optional(),
});
export type Plot = z.infer<typeof Plot>;

export const Origin = z.object({
  country: CountryCode,
  region: ShortText.optional(),
  producer: ShortText.optional(),
  plots: z.array(Plot).max(500).optional(),
});
export type Origin = z.infer<typeof Origin>;

export const Quantity = z.object({
  value: z.number().positive(),
  /** UN/ECE Recommendation 20 unit code, e.g. KGM, LTR, H87 (piece). */
  uom: z.string().regex(/^[A-Z0-9]{2,3}$/, 'a UN/ECE Rec 20 code such as KGM'),
});

export const LotInput = z.object({
  gtin: z.string(),
  lot: z.string(),
  productionDate: CalendarDate.optional(),
  harvestDate: CalendarDate.optional(),
  expiryDate: CalendarDate.optional(),
  origin: Origin.optional(),
  quantity: Quantity.optional(),
  certifications: z.array(Certification).max(20).optional(),
});
export type LotInput = z.infer<typeof LotInput>;

export const Lot = LotInput.extend({
  id: z.string(),
  owner: z.string(),
  provenance: Provenance,
});
export type Lot = z.infer<typeof Lot>;
