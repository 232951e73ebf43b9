/** A trade item (GTIN) and its public master data. */
import { z } from 'zod';
import { Certification, Provenance, ShortText } from './common';

export const FAMILIES = ['food', 'coffee', 'goods'] as const;

export const ProductInput = z.object({
  gtin: z.string(),
  name: ShortText,
  family: z.enum(FAMILIES),
  brand: ShortText.optional(),
  description: z.string().max(2000).optional(),
  imageUrl: z.url().optional(),
  certifications: z.array(Certification).max(20).optional(),
});
export type ProductInput = z.infer<typeof ProductInput>;

export const Product = ProductInput.extend({
  id: z.string(),
  /** The organisation that registered the product: its brand owner, who may recall its lots. */
  owner: z.string(),
  provenance: Provenance,
});
export type Product = z.infer<typeof Product>;
