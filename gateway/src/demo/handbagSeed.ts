/**
 * Seeds the demo handbag through the same contracts members use — product, places, commissioning, the tag
 * bound by an AssociationEvent, shipping, and the boutique's receiving tap recorded as an NFC scan — and
 * returns links to open: the journey and tap URLs that verify (fresh ones on every start, since each tap URL
 * is good once), plus one already used, which does not.
 */
import { itemId, locationId } from '../../../chaincode/src/api';
import { EndorsementError } from '../../../ledger/src';
import type { TraceClient } from '../client';
import { buildDigitalLink } from '../scans/decode';
import { DEMO_BRAND, emulatedTag, FileKeyProvider, tapUrl, type NfcKeyProvider } from '../authenticity/nfc';
import { HANDBAG, HANDBAG_PLACES } from './handbagWorld';

export interface HandbagLink {
  readonly title: string;
  readonly url: string;
}

export interface HandbagSeedOptions {
  /** Public base URL of the gateway, e.g. http://localhost:3000 */
  readonly base: string;
  /** Digital Link path prefix (config.dlPrefix). */
  readonly prefix: string;
  /** The gateway's key provider, or its key file path (config.nfcKeysFile). */
  readonly keys: NfcKeyProvider | string;
}

const BRAND = 'BrandsMSP/brand';
const CARRIER = 'LogisticsMSP/carrier';
const BOUTIQUE = 'LogisticsMSP/retailer';
const at = (gln: string) => ({ id: locationId(gln) });
const item = itemId(HANDBAG.gtin, HANDBAG.serial);

/** Already there is fine: a second start only prints links. */
async function once(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof EndorsementError && error.chaincodeCode === 'ALREADY_EXISTS')) throw error;
  }
}

async function seedWorld(client: TraceClient): Promise<void> {
  await once(() => client.registerProduct(BRAND, { gtin: HANDBAG.gtin, ...HANDBAG.product }));
  for (const place of Object.values(HANDBAG_PLACES)) await once(() => client.registerLocation(BRAND, place));
  const made = {
    type: 'ObjectEvent',
    action: 'ADD',
    eventTime: '2026-07-14T10:00:00+02:00',
    eventTimeZoneOffset: '+02:00',
    epcList: [item],
    bizStep: 'commissioning',
    readPoint: at(HANDBAG_PLACES.atelier.gln),
    ilmd: { 'cbvmda:lotNumber': HANDBAG.lot },
  };
  await client.recordEvents(BRAND, { idempotencyKey: 'demo-handbag-made', events: [made] });
  await once(() =>
    client.commissionTag(BRAND, {
      gtin: HANDBAG.gtin,
      serial: HANDBAG.serial,
      nfcUid: HANDBAG.nfcUid,
      gln: HANDBAG_PLACES.atelier.gln,
    }),
  );
  const shipped = {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime: '2026-07-20T08:30:00+02:00',
    eventTimeZoneOffset: '+02:00',
    epcList: [item],
    bizStep: 'shipping',
    disposition: 'in_transit',
    readPoint: at(HANDBAG_PLACES.atelier.gln),
  };
  await client.recordEvents(CARRIER, { idempotencyKey: 'demo-handbag-shipped', events: [shipped] });
  // The boutique taps the tag on receipt: verified like any tap, recorded as a passage under (UID, counter).
  await client.recordNfcScan(BOUTIQUE, {
    idempotencyKey: `nfc:${HANDBAG.nfcUid}:1`,
    uid: HANDBAG.nfcUid,
    counter: 1,
    keyOwner: DEMO_BRAND.mspId,
    readPoint: at(HANDBAG_PLACES.boutique.gln).id,
    bizStep: 'receiving',
    eventTime: '2026-07-22T11:05:00.000Z',
  });
}

/** Seed (once) and return the demo handbag's links. */
export async function seedHandbag(client: TraceClient, options: HandbagSeedOptions): Promise<HandbagLink[]> {
  const provider = typeof options.keys === 'string' ? new FileKeyProvider(options.keys) : options.keys;
  const brand = (await provider.brands()).find((b) => b.mspId === DEMO_BRAND.mspId);
  if (!brand) throw new Error(`the NFC key file has no keys for ${DEMO_BRAND.mspId}`);
  const tag = await emulatedTag(brand, HANDBAG.nfcUid);
  const tapBase = `${options.base}/t`;
  const firstTap = await tapUrl(tag, 1, { base: tapBase });
  const known = await client.getTag(BRAND, { nfcUid: HANDBAG.nfcUid }).catch((error: unknown) => {
    if (error instanceof EndorsementError && error.chaincodeCode === 'NOT_FOUND') return undefined;
    throw error;
  });
  if (!known) await seedWorld(client);
  const counter = known?.counter ?? 1;
  const fresh = await Promise.all([1, 2].map((n) => tapUrl(tag, counter + n, { base: tapBase })));
  return [
    {
      title: 'Handbag: journey (Digital Link)',
      url: buildDigitalLink(`${options.base}${options.prefix}`, {
        gtin: HANDBAG.gtin,
        serial: HANDBAG.serial,
      }),
    },
    { title: 'Handbag: NFC tap (genuine, once)', url: fresh[0]! },
    { title: 'Handbag: next NFC tap (genuine)', url: fresh[1]! },
    { title: 'Handbag: a used tap URL (replayed)', url: firstTap },
    { title: 'Handbag: brand alerts (brand API key)', url: `${options.base}/authenticity/alerts` },
  ];
}
