/** The test world of the anti-counterfeit suites: a handbag GTIN owned by BrandsMSP and a few places with points. */
import { HANDBAG } from '../../gateway/src/demo/handbagWorld';
import { GLN } from './epcisBuilders';

/** The demo handbag's GTIN-14 (0950600013439 + check digit 0): one product, in the demo and in the tests. */
export const BAG_GTIN = HANDBAG.gtin;
export const PLACES = {
  /** Milan */
  factory: {
    gln: GLN.station,
    name: 'Atelier Milano',
    country: 'IT',
    geo: { type: 'Point', coordinates: [9.19, 45.46] },
  },
  /** Paris */
  store: {
    gln: GLN.cafe,
    name: 'Boutique Paris',
    country: 'FR',
    geo: { type: 'Point', coordinates: [2.35, 48.86] },
  },
  /** Tokyo */
  outlet: {
    gln: GLN.port,
    name: 'Outlet Tokyo',
    country: 'JP',
    geo: { type: 'Point', coordinates: [139.69, 35.69] },
  },
} as const;
