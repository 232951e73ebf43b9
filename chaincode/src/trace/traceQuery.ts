/**
 * Trace: walk lineage (transformations, lot membership) backward to ancestors and forward to descendants,
 * add the journeys of containers (cases, pallets) while the thing was packed in them, and return every event
 * in time order with the master data and recalls that apply.
 */
import type { Context } from 'fabric-contract-api';
import { ErrorDeclaration, EventRecord, Recall } from '../model/eventRecord';
import { Location } from '../model/location';
import { Lot } from '../model/lot';
import { Product } from '../model/product';
import { canonicalId, parseGs1Key } from '../identifiers/gs1Keys';
import { KeyType } from '../state/keys';
import { Store } from '../state/store';
import { unmarshalJson } from '../marshal';
import type { Relation, TraceNode, TracedEvent, TraceView } from './traceView';

/** Limits keep a query's cost bounded on a peer; beyond them the trace says it is partial. */
const MAX_NODES = 500;
const MAX_DEPTH = 32;
const OPEN_END = '9999-12-31T23:59:59.999Z';

async function walk(
  store: Store,
  start: string,
  type: string,
): Promise<{ nodes: Map<string, number>; truncated: boolean }> {
  const nodes = new Map<string, number>();
  let frontier = [start];
  let truncated = false;
  for (let depth = 1; frontier.length > 0; depth++) {
    if (depth > MAX_DEPTH) {
      truncated = true;
      break;
    }
    const next: string[] = [];
    for (const id of frontier) {
      for (const { attributes } of await store.scan(type, [id])) {
        const other = attributes[1]!;
        if (other === start || nodes.has(other)) continue;
        if (nodes.size >= MAX_NODES) return { nodes, truncated: true };
        nodes.set(other, depth);
        next.push(other);
      }
    }
    frontier = next;
  }
  return { nodes, truncated };
}

interface Interval {
  readonly parent: string;
  readonly from: string;
  readonly to: string;
}

/** Containers of `id` and the time intervals it was packed in them (ADD opens, DELETE closes). */
async function containersOf(store: Store, id: string): Promise<Interval[]> {
  const open = new Map<string, string>();
  const out: Interval[] = [];
  for (const { attributes, value } of await store.scan(KeyType.containment, [id])) {
    const time = attributes[1]!;
    const { action, parent } = unmarshalJson(value) as { action: string; parent: string };
    if (action === 'ADD') open.set(parent, time);
    else if (open.has(parent)) {
      out.push({ parent, from: open.get(parent)!, to: time });
      open.delete(parent);
    }
  }
  for (const [parent, from] of open) out.push({ parent, from, to: OPEN_END });
  return out;
}

interface EventRef {
  readonly id: string;
  readonly via: string;
  readonly relation: Relation;
}

async function eventRefs(
  store: Store,
  node: string,
  relation: Relation,
  window?: Interval,
): Promise<EventRef[]> {
  const entries = await store.scan(KeyType.eventsBySubject, [node]);
  return entries
    .filter(({ attributes }) => !window || (attributes[1]! >= window.from && attributes[1]! <= window.to))
    .map(({ attributes }) => ({ id: attributes[2]!, via: node, relation }));
}

/** IDs of the events of `nodes` that carry an error declaration: one (usually empty) range scan per node. */
async function declaredIn(store: Store, nodes: Iterable<string>): Promise<Set<string>> {
  const declared = new Set<string>();
  for (const node of nodes)
    for (const { attributes } of await store.scan(KeyType.errorsBySubject, [node]))
      declared.add(attributes[1]!);
  return declared;
}

async function load(store: Store, refs: readonly EventRef[]): Promise<TracedEvent[]> {
  const declared = await declaredIn(store, new Set(refs.map((r) => r.via)));
  const seen = new Set<string>();
  const out: TracedEvent[] = [];
  for (const ref of refs) {
    if (seen.has(ref.id)) continue;
    seen.add(ref.id);
    const record = await store.get(EventRecord, KeyType.event, [ref.id]);
    if (!record) continue;
    const errorDeclaration = declared.has(ref.id)
      ? await store.get(ErrorDeclaration, KeyType.errorDeclaration, [ref.id])
      : undefined;
    out.push({
      record,
      via: ref.via,
      relation: ref.relation,
      ...(errorDeclaration ? { errorDeclaration } : {}),
    });
  }
  return out.sort((a, b) => {
    const ta = new Date(a.record.event.eventTime).getTime();
    const tb = new Date(b.record.event.eventTime).getTime();
    if (ta !== tb) return ta - tb;
    if (a.record.event.recordTime !== b.record.event.recordTime)
      return a.record.event.recordTime < b.record.event.recordTime ? -1 : 1;
    return a.record.event.eventID < b.record.event.eventID ? -1 : 1;
  });
}

export async function trace(ctx: Context, id: string): Promise<TraceView> {
  const subject = canonicalId(id, 'id');
  const store = new Store(ctx);
  const back = await walk(store, subject, KeyType.lineageBack);
  const forward = await walk(store, subject, KeyType.lineageForward);
  const nodes: TraceNode[] = [
    { id: subject, relation: 'self', depth: 0 },
    ...[...back.nodes].map(([n, depth]) => ({ id: n, relation: 'ancestor' as const, depth })),
    ...[...forward.nodes].map(([n, depth]) => ({ id: n, relation: 'descendant' as const, depth })),
  ];
  const journeyRefs: EventRef[] = [];
  for (const node of nodes.filter((n) => n.relation !== 'descendant')) {
    journeyRefs.push(...(await eventRefs(store, node.id, node.relation)));
    // A pallet's journey is its contents' journey while they ride on it; cases inside pallets too.
    let level = await containersOf(store, node.id);
    for (let depth = 1; level.length > 0 && depth <= 3; depth++) {
      const nextLevel: Interval[] = [];
      for (const interval of level) {
        nodes.push({ id: interval.parent, relation: 'container', depth });
        journeyRefs.push(...(await eventRefs(store, interval.parent, 'container', interval)));
        for (const outer of await containersOf(store, interval.parent)) {
          const from = outer.from > interval.from ? outer.from : interval.from;
          const to = outer.to < interval.to ? outer.to : interval.to;
          if (from <= to) nextLevel.push({ parent: outer.parent, from, to });
        }
      }
      level = nextLevel;
    }
  }
  const forwardRefs: EventRef[] = [];
  for (const node of nodes.filter((n) => n.relation === 'descendant'))
    forwardRefs.push(...(await eventRefs(store, node.id, 'descendant')));
  const journey = await load(store, journeyRefs);
  const journeyIds = new Set(journey.map((e) => e.record.event.eventID));
  const forwardEvents = (await load(store, forwardRefs)).filter(
    (e) => !journeyIds.has(e.record.event.eventID),
  );
  return {
    subject,
    nodes: dedupeNodes(nodes),
    journey,
    forward: forwardEvents,
    ...(await masterData(store, nodes, journey)),
    recalls: await recallsOf(store, nodes),
    truncated: back.truncated || forward.truncated,
  };
}

function dedupeNodes(nodes: readonly TraceNode[]): TraceNode[] {
  const byId = new Map<string, TraceNode>();
  for (const node of nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  return [...byId.values()];
}

async function recallsOf(store: Store, nodes: readonly TraceNode[]): Promise<Recall[]> {
  const out: Recall[] = [];
  for (const node of nodes) {
    if (node.relation !== 'self' && node.relation !== 'ancestor') continue;
    const recall = await store.get(Recall, KeyType.recall, [node.id]);
    if (recall) out.push(recall);
  }
  return out;
}

async function masterData(store: Store, nodes: readonly TraceNode[], journey: readonly TracedEvent[]) {
  const gtins = new Set<string>();
  const lots: Lot[] = [];
  for (const node of nodes) {
    if (node.relation === 'descendant' || !/\/(01|00)\//.test(node.id)) continue;
    const key = parseGs1Key(node.id);
    if (key.kind === 'product' || key.kind === 'lot' || key.kind === 'item') gtins.add(key.gtin);
    if (key.kind === 'lot') {
      const lot = await store.get(Lot, KeyType.lot, [key.id]);
      if (lot) lots.push(lot);
    }
  }
  const products: Product[] = [];
  for (const gtin of [...gtins].sort()) {
    const product = await store.get(Product, KeyType.product, [gtin]);
    if (product) products.push(product);
  }
  const locationIds = new Set<string>();
  for (const { record } of journey) {
    for (const ref of [record.event.readPoint, record.event.bizLocation]) {
      if (ref && /\/414\//.test(ref.id)) locationIds.add(canonicalId(ref.id));
    }
  }
  const locations: Location[] = [];
  for (const id of [...locationIds].sort()) {
    const location = await store.get(Location, KeyType.location, [id]);
    if (location) locations.push(location);
  }
  return { products, lots, locations };
}
