/**
 * Object types of composite keys. Records are one key each; indexes are keys whose attributes carry the
 * lookup value, a sortable UTC time and the event ID, so a partial-key range scan returns events in time order
 * and concurrent writers of one product never touch the same key (no hot keys, no MVCC contention).
 */
export const KeyType = {
  product: 'product',
  lot: 'lot',
  location: 'location',
  event: 'event',
  errorDeclaration: 'errdecl',
  recall: 'recall',
  scanReceipt: 'scan',
  /** [subjectId, utcTime, eventId]: every thing an event names (EPCs, classes, parents, inputs, outputs). */
  eventsBySubject: 'ev~subj',
  /** [locationId, utcTime, eventId]: readPoint and bizLocation. */
  eventsByLocation: 'ev~loc',
  /** [bizStep, utcTime, eventId]. */
  eventsByBizStep: 'ev~step',
  /** [outputId, inputId, eventId]: transformations and lot membership, walked backwards to ancestors. */
  lineageBack: 'ln~back',
  /** [inputId, outputId, eventId]: walked forwards to descendants. */
  lineageForward: 'ln~fwd',
  /** [subjectId, eventId]: events of a subject that carry an error declaration (one range scan per trace node). */
  errorsBySubject: 'err~subj',
  /** [childId, utcTime, eventId] → {parent, action}: packing and unpacking, for container journeys. */
  containment: 'agg~child',
  /** [privateKey…] in a private data collection: commercial details of an event. */
  commercial: 'commercial',
} as const;

/** Index keys need a value; Fabric treats an empty value as a delete, so indexes hold one zero byte. */
export const INDEX_VALUE = Uint8Array.of(0);

/** Fabric's implicit per-organisation private data collection: members of that org only. */
export const orgCollection = (mspId: string): string => `_implicit_org_${mspId}`;
