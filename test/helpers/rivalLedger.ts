/**
 * A real embedded ledger in a temp dir whose channel has, besides the demo organisations, a second brand
 * organisation (RivalBrandsMSP): alerts and reports must stay inside the brand that owns the tags.
 */
import { DEMO_ORGS } from '../../ledger/src/msp';
import { openTempLedger, type TempLedger } from './tempLedger';

export const RIVAL_BRAND = 'RivalBrandsMSP/brand';

export type RivalLedger = TempLedger;

export function openRivalLedger(): Promise<RivalLedger> {
  return openTempLedger('trace-auth-', [
    ...DEMO_ORGS,
    { mspId: 'RivalBrandsMSP', users: [{ name: 'brand', role: 'brand' }] },
  ]);
}
