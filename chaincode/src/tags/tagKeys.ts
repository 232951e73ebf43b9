/**
 * Composite key types of the anti-counterfeit records (kept apart from state/keys.ts, which names passage
 * records). Taps and sightings are one key per tag: two taps of one tag racing each other must conflict
 * (MVCC), or a replayed URL could slip in beside the genuine tap.
 */
export const TagKey = {
  /** [tagId] → Tag */
  tag: 'tag',
  /** [uid] → { tagId }: NFC UID index. */
  byNfcUid: 'tag~nfc',
  /** [itemId] → { tagId }: the item's current tag; an RFID EPC names the item itself. */
  byItem: 'tag~item',
  /** [tagId] → TapState */
  tap: 'tag~tap',
  /** [tagId] → Sighting */
  sighting: 'tag~seen',
  /** Private, in the owner's org collection: [gtin, region, utcTime, alertId] → Alert. */
  alert: 'tag~alert',
  /** Private, in the owner's org collection: [gtin, utcTime, reportId] → Report. */
  report: 'tag~report',
} as const;

/** Tag IDs are URIs so the EPCIS AssociationEvent can name the tag as a child. */
export const nfcTagId = (uid: string): string => `urn:trace:tag:nfc:${uid}`;
export const tidTagId = (tid: string): string => `urn:trace:tag:tid:${tid}`;
export const epcTagId = (gtin: string, serial: string): string =>
  `urn:trace:tag:epc:${gtin}.${encodeURIComponent(serial)}`;

/** Region of an alert when no country is known (ISO 3166-1 user-assigned code). */
export const UNKNOWN_REGION = 'ZZ';
