/**
 * The chaincode's one face: everything outside `chaincode/` (the gateway, scripts, tests) imports from here or
 * from the entry point (`chaincode/src`, the contract classes). Transaction and event names, the schemas of every
 * model shape, transaction result and event payload, GS1 identifiers, and the pure EPCIS functions the gateway
 * shares with the contract (event hash, CBV names, event subjects). An ESLint rule keeps it the only door.
 */
export { ChaincodeEventName, TagTx, Tx, type TagTxName, type TxName } from '../contract/names';
export { MAX_EVENTS_PER_TX } from '../contract/passage';
export { indexedBizStep, subjectsOf, type Subjects } from '../contract/eventSemantics';
export { ChaincodeError, type ChaincodeErrorCode } from '../errors';

export * from '../identifiers';
export {
  ERROR_REASONS,
  TRACE_BIZSTEP_NS,
  cbvShortName,
  expandCbv,
  normaliseBizStep,
  type CbvVocabulary,
  type ErrorReason,
} from '../epcis/cbv';
export { eventHashId } from '../epcis/eventHash';

export {
  CalendarDate,
  Certification,
  CountryCode,
  DateTime,
  GeoPoint,
  Geometry,
  Provenance,
} from '../model/common';
export { EVENT_TYPES, EpcisEvent, Visibility, type EventType } from '../model/epcisEvent';
export { CommercialRef, ErrorDeclaration, EventRecord, Recall, ScanReceipt } from '../model/eventRecord';
export { Location, LocationInput } from '../model/location';
export { Lot, LotInput, Origin, Plot } from '../model/lot';
export { FAMILIES, Product, ProductInput } from '../model/product';
export { ALERT_REASONS, Alert, Place, Report, Tag, TagStatus, type AlertReason } from '../tags/tagModel';
export { InboxQuery } from '../tags/brandInbox';
export { Relation, TraceNode, TracedEvent, TraceView } from '../trace/traceView';

export {
  AlertList,
  AlertSummary,
  CommercialDetails,
  DeclaredEventRecord,
  EventPage,
  FiledReport,
  History,
  HistoryVersion,
  NfcScanAnswer,
  PublicTag,
  ReadCheckAnswer,
  RecordReceipt,
  ReportList,
  ScanOutcome,
  ScanOutcomes,
  TapAnswer,
} from './results';
export { EventPayload, EventsRecorded } from './events';
