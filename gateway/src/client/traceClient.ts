/**
 * The gateway's one client over the contracts: one method per transaction of TraceContract and TagContract,
 * each result decoded with its schema from `chaincode/src/api`. Nothing else in the gateway knows transaction
 * names or builds a proposal. Inputs the HTTP API passes on unchecked are `unknown`: the contract validates them
 * and answers with a stable error code.
 */
import type { z } from 'zod';
import {
  AlertList,
  CommercialDetails,
  DeclaredEventRecord,
  ErrorDeclaration,
  EventPage,
  FiledReport,
  History,
  Location,
  Lot,
  NfcScanAnswer,
  Product,
  PublicTag,
  ReadCheckAnswer,
  Recall,
  RecordReceipt,
  ReportList,
  ScanOutcomes,
  TagTx,
  TapAnswer,
  TraceView,
  Tx,
  type TagTxName,
  type TxName,
} from '../../../chaincode/src/api';
import type { Ledger } from '../../../ledger/src';
import { decodeResult, decodeText, utf8 } from './decode';

/** A committed transaction's decoded answer and where it is on the ledger. */
export interface Submitted<T> {
  readonly value: T;
  readonly txId: string;
  readonly blockNumber: bigint;
}

/** Private inputs (commercial details, a phone's place, a consumer's words): JSON in the transient map. */
export type PrivateInputs = Readonly<Record<string, unknown>>;

function transientOf(inputs: PrivateInputs | undefined): Record<string, Uint8Array> | undefined {
  if (inputs === undefined) return undefined;
  const entries = Object.entries(inputs).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.map(([k, v]) => [k, Buffer.from(JSON.stringify(v))]));
}

export class TraceClient {
  constructor(readonly ledger: Ledger) {}

  private async submit<S extends z.ZodType>(
    user: string,
    fn: TxName | TagTxName,
    schema: S,
    args: readonly string[],
    inputs?: PrivateInputs,
  ): Promise<Submitted<z.output<S>>> {
    const transient = transientOf(inputs);
    const result = await this.ledger.submit({ user, fn, args, ...(transient ? { transient } : {}) });
    return {
      value: decodeResult(fn, schema, result.result),
      txId: result.txId,
      blockNumber: result.blockNumber,
    };
  }

  private async evaluate<S extends z.ZodType>(
    user: string,
    fn: TxName | TagTxName,
    schema: S,
    args: readonly string[],
  ) {
    return decodeResult(fn, schema, await this.ledger.evaluate({ user, fn, args }));
  }

  /** The answer as the contract wrote it (sorted keys), checked against its schema, for pass-through routes. */
  private async evaluateText(
    user: string,
    fn: TxName,
    schema: z.ZodType,
    args: readonly string[],
  ): Promise<string> {
    return decodeText(fn, schema, utf8(await this.ledger.evaluate({ user, fn, args }))).text;
  }

  registerProduct(user: string, product: unknown): Promise<Submitted<Product>> {
    return this.submit(user, Tx.RegisterProduct, Product, [JSON.stringify(product)]);
  }

  registerLot(user: string, lot: unknown): Promise<Submitted<Lot>> {
    return this.submit(user, Tx.RegisterLot, Lot, [JSON.stringify(lot)]);
  }

  registerLocation(user: string, location: unknown): Promise<Submitted<Location>> {
    return this.submit(user, Tx.RegisterLocation, Location, [JSON.stringify(location)]);
  }

  /** One batch of EPCIS events; `commercial` (one entry per event) goes to the recorder's private collection. */
  recordEvents(user: string, batch: unknown, commercial?: unknown): Promise<Submitted<RecordReceipt>> {
    const inputs = commercial === undefined ? undefined : { commercial };
    return this.submit(user, Tx.RecordEvents, RecordReceipt, [JSON.stringify(batch)], inputs);
  }

  /** Many scans of one member in one transaction, each with its own outcome, in order. */
  recordScans(user: string, scans: readonly unknown[]): Promise<Submitted<ScanOutcomes>> {
    return this.submit(user, Tx.RecordScans, ScanOutcomes, [JSON.stringify({ scans })]);
  }

  declareError(user: string, declaration: unknown): Promise<Submitted<ErrorDeclaration>> {
    return this.submit(user, Tx.DeclareError, ErrorDeclaration, [JSON.stringify(declaration)]);
  }

  recallLot(user: string, recall: unknown): Promise<Submitted<Recall>> {
    return this.submit(user, Tx.RecallLot, Recall, [JSON.stringify(recall)]);
  }

  trace(user: string, id: string): Promise<TraceView> {
    return this.evaluate(user, Tx.Trace, TraceView, [id]);
  }

  /** The members' trace as the contract wrote it. */
  traceText(user: string, id: string): Promise<string> {
    return this.evaluateText(user, Tx.Trace, TraceView, [id]);
  }

  queryEvents(user: string, query: unknown): Promise<EventPage> {
    return this.evaluate(user, Tx.QueryEvents, EventPage, [JSON.stringify(query)]);
  }

  getEvent(user: string, eventId: string): Promise<DeclaredEventRecord> {
    return this.evaluate(user, Tx.GetEvent, DeclaredEventRecord, [eventId]);
  }

  getProduct(user: string, gtin: string): Promise<Product> {
    return this.evaluate(user, Tx.GetProduct, Product, [gtin]);
  }

  getLot(user: string, id: string): Promise<Lot> {
    return this.evaluate(user, Tx.GetLot, Lot, [id]);
  }

  getLocation(user: string, id: string): Promise<Location> {
    return this.evaluate(user, Tx.GetLocation, Location, [id]);
  }

  /** Commercial details from the caller's own organisation collection, as stored. */
  commercialDetailsText(user: string, eventId: string): Promise<string> {
    return this.evaluateText(user, Tx.GetCommercialDetails, CommercialDetails, [eventId]);
  }

  history(user: string, kind: string, id: string): Promise<History> {
    return this.evaluate(user, Tx.History, History, [kind, id]);
  }

  commissionTag(user: string, tag: unknown): Promise<PublicTag> {
    return this.tagSubmit(user, TagTx.CommissionTag, PublicTag, tag);
  }

  setTagStatus(user: string, change: unknown): Promise<PublicTag> {
    return this.tagSubmit(user, TagTx.SetTagStatus, PublicTag, change);
  }

  getTag(user: string, selector: unknown): Promise<PublicTag> {
    return this.evaluate(user, TagTx.GetTag, PublicTag, [JSON.stringify(selector)]);
  }

  /** A tap whose MAC the gateway verified; `place` (the phone's, if given) stays out of the block. */
  recordTap(user: string, tap: unknown, inputs?: PrivateInputs): Promise<TapAnswer> {
    return this.tagSubmit(user, TagTx.RecordTap, TapAnswer, tap, inputs);
  }

  recordNfcScan(user: string, scan: unknown): Promise<Submitted<NfcScanAnswer>> {
    return this.submit(user, TagTx.RecordNfcScan, NfcScanAnswer, [JSON.stringify(scan)]);
  }

  checkEpcReads(user: string, check: unknown): Promise<ReadCheckAnswer> {
    return this.tagSubmit(user, TagTx.CheckEpcReads, ReadCheckAnswer, check);
  }

  /** A consumer's report to the brand; the `message` stays out of the block. */
  fileReport(user: string, report: unknown, inputs?: PrivateInputs): Promise<z.output<typeof FiledReport>> {
    return this.tagSubmit(user, TagTx.FileReport, FiledReport, report, inputs);
  }

  listAlerts(user: string, query: unknown): Promise<AlertList> {
    return this.evaluate(user, TagTx.ListAlerts, AlertList, [JSON.stringify(query)]);
  }

  listReports(user: string, query: unknown): Promise<ReportList> {
    return this.evaluate(user, TagTx.ListReports, ReportList, [JSON.stringify(query)]);
  }

  private async tagSubmit<S extends z.ZodType>(
    user: string,
    fn: TagTxName,
    schema: S,
    arg: unknown,
    inputs?: PrivateInputs,
  ): Promise<z.output<S>> {
    return (await this.submit(user, fn, schema, [JSON.stringify(arg)], inputs)).value;
  }
}
