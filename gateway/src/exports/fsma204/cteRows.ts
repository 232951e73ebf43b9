/**
 * From EPCIS events to FSMA 204 spreadsheet rows: which Critical Tracking Event an event is (by its bizStep
 * and type), and its Key Data Elements from the event (where, when, quantities, bizTransactionList as the
 * reference document, sourceList/destinationList as previous source/subsequent recipient) and the ledger's
 * master data (product descriptions, location descriptions, lot origins).
 */
import { type Location, type Lot, normaliseBizStep, type Product } from '../../../../chaincode/src/api';
import { normaliseId } from '../../epcis/readModel/postings';
import { CTE_SECTION, type Cte, type KdeRow } from './kdeColumns';

type Json = Record<string, unknown>;

/** Master data the rows need, looked up by canonical ID (GTIN for products). */
export interface MasterData {
  product(gtin: string): Promise<Product | undefined>;
  location(id: string): Promise<Location | undefined>;
  lot(id: string): Promise<Lot | undefined>;
}

const CBV = 'https://ref.gs1.org/cbv/BizStep-';
const TRACE = 'urn:trace:bizstep:';
const STEP_CTE: Readonly<Record<string, Cte>> = {
  [`${TRACE}harvesting`]: 'harvesting',
  [`${TRACE}cooling`]: 'cooling',
  [`${CBV}commissioning`]: 'initial_packing',
  [`${CBV}packing`]: 'initial_packing',
  [`${CBV}shipping`]: 'shipping',
  [`${CBV}departing`]: 'shipping',
  [`${CBV}receiving`]: 'receiving',
  [`${CBV}arriving`]: 'receiving',
  [`${CBV}accepting`]: 'receiving',
};

/** The CTE an event records, or undefined when it is none (storing, inspecting…). */
export function cteOf(event: Json): Cte | undefined {
  if (event.type === 'TransformationEvent') return 'transformation';
  let step: string | undefined;
  try {
    step = typeof event.bizStep === 'string' ? normaliseBizStep(event.bizStep) : undefined;
  } catch {
    return undefined;
  }
  const cte = step === undefined ? undefined : STEP_CTE[step];
  // Initial packing assigns the TLC (1.1320(a)): only a commissioning (ADD) of the lot counts, not a re-pack.
  if (cte === 'initial_packing' && event.action !== 'ADD') return undefined;
  return cte;
}

interface Quantity {
  readonly epcClass?: unknown;
  readonly quantity?: unknown;
  readonly uom?: unknown;
}
const quantities = (v: unknown): Quantity[] => (Array.isArray(v) ? (v as Quantity[]) : []);
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const idOf = (v: unknown): string | undefined => str((v as Json | undefined)?.id) || undefined;

export function describeLocation(id: string, location: Location | undefined): string {
  if (!location) return id;
  const parts = [location.name, location.address, location.country].filter((p): p is string => !!p);
  const geo = location.geo ? ` [${location.geo.coordinates[1]}, ${location.geo.coordinates[0]}]` : '';
  return `${parts.join(', ')} (GLN ${location.gln})${geo}`;
}

export class CteRowBuilder {
  private readonly locations = new Map<string, Promise<string>>();

  constructor(
    private readonly md: MasterData,
    /** The TLC the export is for (canonical lot Digital Link). */
    private readonly tlc: string,
    /** Location description of where the TLC was assigned (its source), if known. */
    private readonly tlcSource: string,
  ) {}

  private location(raw: string | undefined): Promise<string> {
    if (raw === undefined) return Promise.resolve('');
    const id = normaliseId(raw);
    let hit = this.locations.get(id);
    if (!hit)
      this.locations.set(
        id,
        (hit = this.md.location(id).then(
          (l) => describeLocation(id, l),
          () => id,
        )),
      );
    return hit;
  }

  private async product(lotId: string): Promise<string> {
    const gtin = /\/01\/(\d{14})/.exec(lotId)?.[1];
    const product = gtin ? await this.md.product(gtin).catch(() => undefined) : undefined;
    if (!product) return lotId;
    return [product.name, product.brand, product.description].filter(Boolean).join(' — ');
  }

  private async parties(list: unknown): Promise<string> {
    const entries = Array.isArray(list) ? (list as Json[]) : [];
    const described = await Promise.all(
      entries.map((e) => this.location(str(e.source) || str(e.destination) || undefined)),
    );
    return [...new Set(described.filter(Boolean))].join('; ');
  }

  /** The row of one event for the export's TLC. */
  async row(event: Json, cte: Cte): Promise<KdeRow> {
    const outputs = quantities(event.outputQuantityList);
    const own = [...quantities(event.quantityList), ...outputs];
    const mine = own.find((q) => normaliseId(str(q.epcClass)) === this.tlc) ?? outputs[0] ?? own[0];
    // For a transformation the row belongs to the new lot (1.1350(a)(2)); its inputs are 1.1350(a)(1).
    const lotOfRow = cte === 'transformation' && mine ? normaliseId(str(mine.epcClass)) : this.tlc;
    const inputs = await Promise.all(
      quantities(event.inputQuantityList).map(async (q) =>
        `${normaliseId(str(q.epcClass))} | ${await this.product(normaliseId(str(q.epcClass)))} | ${str(q.quantity)} ${str(q.uom)}`.trim(),
      ),
    );
    const bizTransactions = Array.isArray(event.bizTransactionList)
      ? (event.bizTransactionList as Json[])
      : [];
    const where = await this.location(idOf(event.bizLocation) ?? idOf(event.readPoint));
    const date = str(event.eventTime).slice(0, 10);
    const lot =
      cte === 'harvesting' || cte === 'cooling' || cte === 'initial_packing'
        ? await this.md.lot(this.tlc).catch(() => undefined)
        : undefined;
    const plots = lot?.origin?.plots ?? [];
    return {
      cte,
      ruleSection: CTE_SECTION[cte],
      eventTime: new Date(str(event.eventTime)).toISOString(),
      eventID: str(event.eventID),
      traceabilityLotCode: cte === 'harvesting' || cte === 'cooling' ? '' : lotOfRow,
      productDescription: await this.product(lotOfRow),
      commodityVariety:
        cte === 'harvesting' || cte === 'cooling' || cte === 'initial_packing'
          ? await this.product(lotOfRow)
          : '',
      speciesMarketName: '',
      quantity: str(mine?.quantity),
      unitOfMeasure: str(mine?.uom),
      eventLocation: cte === 'harvesting' ? '' : where,
      eventDate: date,
      immediateSubsequentRecipient:
        cte === 'shipping' || cte === 'harvesting' || cte === 'cooling'
          ? await this.parties(event.destinationList)
          : '',
      immediatePreviousSource: cte === 'receiving' ? await this.parties(event.sourceList) : '',
      harvestFarm:
        cte === 'harvesting'
          ? where
          : lot?.origin
            ? [lot.origin.producer, lot.origin.region, lot.origin.country].filter(Boolean).join(', ')
            : '',
      fieldName: plots.map((p) => p.name ?? p.plotId).join('; '),
      containerName: '',
      harvester: lot?.origin?.producer ?? '',
      harvestDate: cte === 'initial_packing' ? (lot?.harvestDate ?? '') : '',
      harvestTrip: '',
      coolingLocation: '',
      coolingDate: '',
      receivedDate: '',
      tlcSource: cte === 'shipping' || cte === 'receiving' ? this.tlcSource : '',
      inputLots: inputs.join('; '),
      referenceDocumentType: bizTransactions.map((b) => str(b.type).replace(/^.*[-:]/, '')).join('; '),
      referenceDocumentNumber: bizTransactions.map((b) => str(b.bizTransaction)).join('; '),
    };
  }
}
