/**
 * A lot's whole trace as one EPCIS 2.0 document: every event of the lot, its ancestors and their containers
 * (the journey) and of what it became (the forward trace), from the chaincode's own Trace, once each, in
 * event time order. Ledger error declarations travel with the event they declare (EPCIS 2.0 §7.4.1.2).
 */
import type { TracedEvent, TraceView } from '../../../chaincode/src/api';
import { epcisDocument } from '../epcis/epcisDocument';

type Json = Record<string, unknown>;

function eventOf(traced: TracedEvent): Json {
  const event = { ...(traced.record.event as Json) };
  const d = traced.errorDeclaration;
  if (d && event.errorDeclaration === undefined) {
    event.errorDeclaration = {
      declarationTime: d.declarationTime,
      reason: d.reason,
      ...(d.correctiveEventIDs.length > 0 ? { correctiveEventIDs: d.correctiveEventIDs } : {}),
    };
  }
  return event;
}

export function traceDocument(view: TraceView, creationDate = new Date()): Json {
  const byId = new Map<string, Json>();
  for (const traced of [...view.journey, ...view.forward]) {
    const event = eventOf(traced);
    byId.set(String(event.eventID), event);
  }
  const events = [...byId.values()].sort(
    (a, b) => Date.parse(String(a.eventTime)) - Date.parse(String(b.eventTime)),
  );
  return epcisDocument(events, creationDate);
}
