/**
 * The one projection anonymous lookups see. It is built field by field from an allow-list: anything the ledger
 * adds later (commercial refs, business transactions, source/destination parties, user IDs) stays out unless
 * someone adds it here on purpose. The result is parsed with the strict `PublicTrace` schema before it leaves.
 */
import {
  canonicalId,
  ERROR_REASONS,
  normaliseGtin,
  type Certification,
  type Gs1Key,
  type Location,
  type Lot,
  parseGs1Key,
  type Product,
  type TracedEvent,
  type TraceView,
} from '../../../chaincode/src/api';
import {
  PublicTrace,
  type PublicCertification,
  type PublicCorrection,
  type PublicOrigin,
  type PublicPlace,
  type PublicStage,
} from './publicTraceSchema';
import { localTime, utcDate } from './page/localTime';
import { stageLabel, stepTerm } from './page/stageLabel';
import { temperatureSummary } from './page/temperature';

/** Options of {@link toPublicTrace}. */
export interface PublicTraceOptions {
  /** Display names of organisations by MSP ID; a stage names its recorder only if listed here. */
  readonly orgNames?: Readonly<Record<string, string>>;
}

/** Keeps only keys whose value is defined, so the JSON carries no `"x": undefined` placeholders. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function keyOf(id: string): Gs1Key | undefined {
  try {
    return parseGs1Key(id);
  } catch {
    return undefined;
  }
}

const gtinOf = (id: string): string | undefined => {
  const key = keyOf(id);
  return key && 'gtin' in key ? key.gtin : undefined;
};

/** An event that its author retracted with an EPCIS errorDeclaration (on the ledger or in the event itself). */
const isRetracted = (e: TracedEvent): boolean =>
  e.errorDeclaration !== undefined || e.record.event.errorDeclaration !== undefined;

const isPublic = (e: TracedEvent): boolean => e.record.visibility === 'public';

function certification(c: Certification): PublicCertification {
  return defined({
    standard: c.standard,
    certificateId: c.certificateId,
    authority: c.authority,
    url: c.url,
    validUntil: c.validUntil,
  });
}

function place(e: TracedEvent, locations: ReadonlyMap<string, Location>): PublicPlace | undefined {
  for (const ref of [e.record.event.bizLocation, e.record.event.readPoint]) {
    if (!ref) continue;
    let id: string;
    try {
      id = canonicalId(ref.id);
    } catch {
      continue;
    }
    const location = locations.get(id);
    if (location)
      return defined({
        name: location.name,
        country: location.country,
        kind: location.kind,
        geo: location.geo,
      });
  }
  return undefined;
}

function names(ids: readonly string[], products: ReadonlyMap<string, Product>): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const gtin = gtinOf(id);
    if (gtin !== undefined) out.add(products.get(gtin)?.name ?? `GTIN ${gtin}`);
  }
  return [...out];
}

function stage(
  e: TracedEvent,
  locations: ReadonlyMap<string, Location>,
  products: ReadonlyMap<string, Product>,
  options: PublicTraceOptions,
): PublicStage {
  const event = e.record.event;
  const inputs = names(
    [...(event.inputEPCList ?? []), ...(event.inputQuantityList ?? []).map((q) => q.epcClass)],
    products,
  );
  const outputs = names(
    [...(event.outputEPCList ?? []), ...(event.outputQuantityList ?? []).map((q) => q.epcClass)],
    products,
  );
  return defined({
    step: event.bizStep === undefined ? undefined : stepTerm(event.bizStep),
    label: stageLabel(event),
    time: localTime(event.eventTime, event.eventTimeZoneOffset),
    eventType: event.type,
    place: place(e, locations),
    transformation:
      event.type === 'TransformationEvent' && inputs.length + outputs.length > 0
        ? { inputs, outputs }
        : undefined,
    temperature: temperatureSummary(event),
    recordedBy: options.orgNames?.[e.record.provenance.mspId],
  });
}

function correction(e: TracedEvent): PublicCorrection {
  const declared = e.errorDeclaration ?? e.record.event.errorDeclaration;
  const reason = declared?.reason;
  return {
    declaredAt: utcDate(declared?.declarationTime ?? e.record.event.recordTime),
    reason: ERROR_REASONS.find((known) => known === reason) ?? 'other',
  };
}

function origin(lot: Lot, products: ReadonlyMap<string, Product>): PublicOrigin | undefined {
  if (!lot.origin) return undefined;
  return defined({
    lot: lot.lot,
    productName: products.get(normaliseGtin(lot.gtin))?.name,
    country: lot.origin.country,
    region: lot.origin.region,
    producer: lot.origin.producer,
    plots: (lot.origin.plots ?? []).map((p) =>
      defined({
        name: p.name,
        areaHa: p.areaHa,
        geometry: p.geometry,
        harvestStart: p.harvestStart,
        harvestEnd: p.harvestEnd,
      }),
    ),
  });
}

/** The lot the scan names: the subject itself, else the one lot of the subject's GTIN (an item's lot). */
function subjectLot(view: TraceView, gtin: string | undefined): Lot | undefined {
  const own = view.lots.find((l) => l.id === view.subject);
  if (own || gtin === undefined) return own;
  const same = view.lots.filter((l) => normaliseGtin(l.gtin) === gtin);
  return same.length === 1 ? same[0] : undefined;
}

/**
 * Projects a ledger trace onto what a consumer may see: product and lot master data, origins with plots, the
 * public journey as labelled stages, recalls, certifications, and a count of retracted records. Members-only
 * events, retracted events, commercial references, business transactions, parties and user identities never
 * appear. Forward events (what the subject became) are left out: they concern recalls, not consumers.
 */
export function toPublicTrace(view: TraceView, options: PublicTraceOptions = {}): PublicTrace {
  const products = new Map(view.products.map((p) => [normaliseGtin(p.gtin), p]));
  const locations = new Map(view.locations.map((l) => [l.id, l]));
  const gtin = gtinOf(view.subject);
  const product = gtin === undefined ? undefined : products.get(gtin);
  const lot = subjectLot(view, gtin);
  const publicEvents = view.journey.filter(isPublic);
  const certifications = new Map<string, PublicCertification>();
  for (const c of [...(product?.certifications ?? []), ...view.lots.flatMap((l) => l.certifications ?? [])]) {
    const key = `${c.standard}\u0000${c.certificateId ?? ''}`;
    if (!certifications.has(key)) certifications.set(key, certification(c));
  }
  const orderedLots = lot ? [lot, ...view.lots.filter((l) => l !== lot)] : view.lots;
  return PublicTrace.parse(
    defined({
      id: view.subject,
      product: product
        ? defined({
            gtin: normaliseGtin(product.gtin),
            name: product.name,
            brand: product.brand,
            family: product.family,
            description: product.description,
            imageUrl: product.imageUrl,
          })
        : undefined,
      lot: lot
        ? defined({
            lot: lot.lot,
            productionDate: lot.productionDate,
            harvestDate: lot.harvestDate,
            expiryDate: lot.expiryDate,
          })
        : undefined,
      origins: orderedLots.map((l) => origin(l, products)).filter((o) => o !== undefined),
      stages: publicEvents.filter((e) => !isRetracted(e)).map((e) => stage(e, locations, products, options)),
      recalled: view.recalls.length > 0,
      recalls: view.recalls.map((r) => {
        const key = keyOf(r.id);
        return defined({
          reason: r.reason,
          date: utcDate(r.provenance.recordedAt),
          lot: key?.kind === 'lot' ? key.lot : undefined,
        });
      }),
      certifications: [...certifications.values()],
      corrections: publicEvents.filter(isRetracted).map(correction),
      partial: view.truncated,
    }),
  );
}
