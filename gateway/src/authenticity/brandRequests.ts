/**
 * Request shapes of the brand's and members' anti-counterfeit API. RFID EPCs arrive as EPC-bank hex (what a
 * reader reports) and are decoded per the Tag Data Standard before the ledger sees them.
 */
import { z } from 'zod';
import { decodeEpcHex } from '../scans/decode';
import { InboxQuery } from '../../../chaincode/src/api';

const EpcHex = z
  .string()
  .max(64)
  .transform((hex) => decodeEpcHex(hex).pureIdentityUri);
const Hex = (min: number, max: number) =>
  z
    .string()
    .regex(new RegExp(`^[0-9A-Fa-f]{${min},${max}}$`))
    .transform((s) => s.toUpperCase());

export const CommissionRequest = z.object({
  gtin: z.string(),
  serial: z.string(),
  nfcUid: Hex(14, 14).optional(),
  epcHex: EpcHex.optional(),
  tid: Hex(8, 64).optional(),
  initialCounter: z.number().int().min(0).max(0xffffff).optional(),
  gln: z
    .string()
    .regex(/^\d{13}$/)
    .optional(),
});

export const StatusRequest = z.object({
  tag: z.union([
    z.object({ tagId: z.string() }),
    z.object({ nfcUid: Hex(14, 14) }),
    z.object({ item: z.string() }),
  ]),
  status: z.enum(['active', 'sold', 'decommissioned', 'revoked', 'suspect']),
  reason: z.string().max(500).optional(),
});

export const RfidCheckRequest = z.object({
  readPoint: z.union([z.string().regex(/^\d{13}$/), z.string().startsWith('urn:epc:id:sgln:'), z.url()]),
  reads: z
    .array(
      z.object({
        epc: EpcHex,
        tid: Hex(8, 64).optional(),
        time: z.union([z.number().int().positive(), z.iso.datetime({ offset: true })]),
      }),
    )
    .min(1)
    .max(1000),
});

/** The chaincode's inbox query, with `limit` read from a query string. */
export const InboxRequest = InboxQuery.extend({ limit: z.coerce.number().int().min(1).max(1000).optional() });
