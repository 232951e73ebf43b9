/**
 * GS1 mod-10 check digit (GS1 General Specifications §7.9.1): weights 3,1,3,… from the rightmost data digit,
 * check digit = (10 − sum mod 10) mod 10. Used for GTIN, GLN, SSCC and GRAI.
 */

/** The check digit for a string of data digits (without the check digit). */
export function gs1CheckDigit(dataDigits: string): number {
  let sum = 0;
  for (let i = 0; i < dataDigits.length; i++) {
    const digit = dataDigits.charCodeAt(dataDigits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `digits` is all digits and its last digit is the correct GS1 check digit. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}
