/**
 * The demo handbag: a serialised luxury item with an NTAG 424 DNA tag, from the atelier to the boutique. The
 * tag's UID is fixed; its keys are diversified from the demo brand's master key in the gateway's key file.
 */
export const HANDBAG = {
  gtin: '09506000134390',
  serial: 'AUR-000042',
  lot: 'AUR-2026-07',
  /** 7-byte NTAG 424 DNA UID (NXP manufacturer byte 04). */
  nfcUid: '04A7E1D2C3B480',
  product: {
    name: 'Sac Aurore, grained calfskin',
    family: 'goods',
    brand: 'Maison Aurore',
    description: 'Hand-stitched in Florence. An NFC tag in the lining answers whether it is genuine.',
  },
} as const;

export const HANDBAG_PLACES = {
  atelier: {
    gln: '9521234000099',
    name: 'Atelier Aurore, Firenze',
    country: 'IT',
    kind: 'atelier',
    geo: { type: 'Point', coordinates: [11.2558, 43.7696] },
  },
  boutique: {
    gln: '9521234000105',
    name: 'Maison Aurore, Rue Saint-Honoré',
    country: 'FR',
    kind: 'store',
    geo: { type: 'Point', coordinates: [2.3245, 48.8675] },
  },
} as const;
