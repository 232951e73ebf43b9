/**
 * The one GTIN normaliser: GTIN-8/12/13/14 → GTIN-14 (leading zeros, GS1 General Specifications §3.3.2) with its
 * check digit verified. It reports what is wrong instead of throwing, so the chaincode and the gateway each
 * raise their own error (`INVALID_ARGUMENT: gtin: …` on the ledger, `GTIN_CHECK_DIGIT` at a scan).
 */
import { hasValidCheckDigit } from './checkDigit';

/** A GTIN-14, or why the input is not a GTIN. */
export type GtinResult =
  | { readonly ok: true; readonly gtin: string }
  | { readonly ok: false; readonly problem: 'length' | 'check-digit' };

export function parseGtin(value: string): GtinResult {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(value)) return { ok: false, problem: 'length' };
  const gtin = value.padStart(14, '0');
  return hasValidCheckDigit(gtin) ? { ok: true, gtin } : { ok: false, problem: 'check-digit' };
}
