/**
 * GS1 mod-10 check digit (GS1 General Specifications §7.9.1): weights 3,1,3,… from the rightmost data digit.
 * One routine serves every GS1 key with a check digit (GTIN, SSCC, GLN, GRAI, GDTI, GSRN, GSIN, SGCN).
 */
export function gs1CheckDigit(digits: string): string {
  if (!/^\d+$/.test(digits)) {
    throw new RangeError(`gs1CheckDigit: not a digit string: ${digits}`);
  }
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** `digits` followed by its GS1 check digit. */
export const withCheckDigit = (digits: string): string => digits + gs1CheckDigit(digits);

/** True when `digits` is all digits (at least two) and its last digit is the correct GS1 check digit. */
export function hasValidCheckDigit(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && gs1CheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}
