/** Anti-counterfeit on the ledger: tags, their lifecycle, tap and read judgement, the brand's private inbox. */
export {
  ALERT_REASONS,
  TAG_STATUSES,
  Alert,
  Report,
  Tag,
  TagInput,
  TapState,
  Sighting,
  Place,
  type AlertReason,
  type TagStatus,
} from './tagModel';
export { TagKey, nfcTagId, tidTagId, epcTagId, UNKNOWN_REGION } from './tagKeys';
export { commissionTag, changeStatus, findTag, publicTag, TagSelector } from './tagRegistry';
export {
  recordTap,
  recordNfcScan,
  TapInput,
  NfcScanInput,
  type TapAnswer,
  type NfcScanAnswer,
} from './tapRecorder';
export { checkReads, ReadCheckInput, MAX_READS_PER_CHECK, type ReadCheckAnswer } from './rfidCheck';
export { fileReport, ReportInput } from './consumerReports';
export { listAlerts, listReports, InboxQuery, type AlertSummary } from './brandInbox';
export {
  judgeTap,
  COUNTER_JUMP_LIMIT,
  SOLD_LONG_AGO_DAYS,
  type TapFacts,
  type TapJudgement,
} from './tapJudgement';
export { judgeRead, SIMULTANEOUS_MS, type ReadFacts } from './rfidJudgement';
export { distanceKm, impossibleTravel, MAX_SPEED_KMH, MIN_DISTANCE_KM } from './travel';
