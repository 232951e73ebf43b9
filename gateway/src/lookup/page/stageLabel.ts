/**
 * Human labels for business steps, in the past tense a consumer reads on a timeline ("Harvested", "Received").
 * Steps arrive as CBV 2.0 words, CBV Web URIs (`https://ref.gs1.org/cbv/BizStep-receiving`), CBV 1.x URNs, or
 * Trace's own `urn:trace:bizstep:…` terms for farm and coffee steps that CBV has no word for.
 */
import { cbvShortName, type EventType, expandCbv, TRACE_BIZSTEP_NS } from '../../../../chaincode/src/api';

// prettier-ignore
const LABELS: Readonly<Record<string, string>> = {
  // CBV 2.0 §7.1 business steps
  accepting: 'Accepted', arriving: 'Arrived', assembling: 'Assembled', collecting: 'Collected',
  commissioning: 'Produced', consigning: 'Consigned', creating_class_instance: 'Produced',
  cycle_counting: 'Counted', decommissioning: 'Taken out of use', departing: 'Departed', destroying: 'Destroyed',
  disassembling: 'Disassembled', dispensing: 'Dispensed', encoding: 'Labelled', entering_exiting: 'Entered or left',
  holding: 'Held', inspecting: 'Inspected', installing: 'Installed', killing: 'Slaughtered', loading: 'Loaded',
  other: 'Recorded', packing: 'Packed', picking: 'Picked', receiving: 'Received', removing: 'Removed',
  repackaging: 'Repacked', repairing: 'Repaired', replacing: 'Replaced', reserving: 'Reserved',
  retail_selling: 'Sold', sampling: 'Sampled', sensor_reporting: 'Monitored', shipping: 'Shipped',
  staging_outbound: 'Ready to ship', stock_taking: 'Stock taken', stocking: 'Stocked', storing: 'Stored',
  transporting: 'Transported', unloading: 'Unloaded', unpacking: 'Unpacked', void_shipping: 'Shipment cancelled',
  // Trace's own steps (urn:trace:bizstep:…)
  harvesting: 'Harvested', drying: 'Dried', fermenting: 'Fermented', hulling: 'Hulled', roasting: 'Roasted',
  cupping: 'Cupped (quality tasting)', washing: 'Washed', grading: 'Graded', blending: 'Blended',
  cooling: 'Cooled',
};

/** The short term of a bizStep in any accepted form, or `undefined` for an unknown vocabulary. */
export function stepTerm(bizStep: string): string | undefined {
  const value = bizStep.trim();
  const term = value.startsWith(TRACE_BIZSTEP_NS)
    ? value.slice(TRACE_BIZSTEP_NS.length)
    : value.includes(':')
      ? cbvShortName('BizStep', expandCbv('BizStep', value))
      : value;
  return term !== undefined && term in LABELS ? term : undefined;
}

/**
 * The label of an event: from its bizStep when known; a `recalled` disposition wins because that is what the
 * consumer must notice; otherwise a neutral word for the event type and action.
 */
export function stageLabel(event: {
  readonly type: EventType;
  readonly bizStep?: string;
  readonly action?: string;
  readonly disposition?: string;
}): string {
  if (
    event.disposition !== undefined &&
    cbvShortName('Disp', expandCbv('Disp', event.disposition)) === 'recalled'
  ) {
    return 'Recalled';
  }
  const term = event.bizStep === undefined ? undefined : stepTerm(event.bizStep);
  const label = term === undefined ? undefined : LABELS[term];
  if (label !== undefined) return label;
  if (event.type === 'TransformationEvent') return 'Transformed';
  if (event.type === 'AggregationEvent') return event.action === 'DELETE' ? 'Unpacked' : 'Packed';
  if (event.type === 'ObjectEvent' && event.action === 'ADD') return 'Registered';
  return 'Recorded';
}
