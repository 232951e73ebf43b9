/**
 * EPCIS 2.0 REST binding headers (EPCIS 2.0 §12.3): every answer states the versions it speaks, and a request
 * that asks for another EPCIS version (GS1-EPCIS-Version, or a GS1-EPCIS-Min/Max window that excludes 2.0)
 * is refused with 406 rather than answered in a version the client did not ask for.
 */
import type { RequestHandler } from 'express';
import { epcisProblem } from './epcisProblem';

export const EPCIS_VERSION = '2.0.0';
export const CBV_VERSION = '2.0.0';

const major2 = (v: string): number => {
  const [maj = '0', min = '0'] = v.trim().split('.');
  return Number(maj) * 100 + Number(min);
};

export const epcisHeaders: RequestHandler = (req, res, next) => {
  res.set({
    'GS1-EPCIS-Version': EPCIS_VERSION,
    'GS1-CBV-Version': CBV_VERSION,
    // Events are returned with identifiers exactly as captured.
    'GS1-EPC-Format': 'Never_Translates',
    'GS1-Extensions': '',
  });
  const asked = req.get('GS1-EPCIS-Version');
  const min = req.get('GS1-EPCIS-Min');
  const max = req.get('GS1-EPCIS-Max');
  const ours = major2(EPCIS_VERSION);
  if (
    (asked !== undefined && major2(asked) !== ours) ||
    (min !== undefined && major2(min) > ours) ||
    (max !== undefined && major2(max) < ours)
  ) {
    next(
      epcisProblem(
        406,
        'NotAcceptableException',
        'EPCIS_VERSION_UNSUPPORTED',
        `this repository speaks EPCIS ${EPCIS_VERSION} only`,
      ),
    );
    return;
  }
  next();
};
