/**
 * GS1 identifiers in one place: keys and their check digits, the canonical Digital Link every ledger identifier
 * takes (`canonicalId`, validating), the event hash's permissive form (`hashCanonicalId`), EPC URN conversion and
 * the one GTIN normaliser.
 */
export { gs1CheckDigit, hasValidCheckDigit, withCheckDigit } from './checkDigit';
export { parseGtin, type GtinResult } from './gtin';
export {
  DL_BASE,
  canonicalId,
  checkCset82,
  checkDigitFor,
  itemId,
  locationId,
  lotId,
  normaliseGln,
  normaliseGtin,
  normaliseSscc,
  parseGs1Key,
  productId,
  ssccId,
  type Gs1Key,
} from './gs1Keys';
export { epcUrnToDigitalLink, hashCanonicalId } from './hashForm';
export { constrainDigitalLink } from './constrainDigitalLink';
