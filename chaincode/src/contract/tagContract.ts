/**
 * The anti-counterfeit contract: tag commissioning and lifecycle, NFC taps, RFID clone checks, and the brand's
 * private inbox of alerts and consumer reports. A separate contract class of the same chaincode, so it shares
 * state with TraceContract (commissioning is an EPCIS AssociationEvent in the same passage records) and is
 * called as `TagContract:<Function>`.
 */
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { ChaincodeError } from '../errors';
import { canonicalJson, marshal } from '../marshal';
import { parseJsonArg } from '../model/parse';
import { Store } from '../state/store';
import {
  changeStatus,
  checkReads,
  commissionTag,
  fileReport,
  findTag,
  listAlerts,
  listReports,
  publicTag,
  recordNfcScan,
  recordTap,
  TagKey,
  TagSelector,
  TapState,
} from '../tags';
import type { RecordResult } from './passage';
import { ChaincodeEventName } from './names';

@Info({ title: 'Tags', description: 'Anti-counterfeit: NFC SUN and RFID tags bound to serialised items' })
export class TagContract extends Contract {
  constructor() {
    super('TagContract');
  }

  override unknownTransaction(ctx: Context): Promise<void> {
    const { fcn } = ctx.stub.getFunctionAndParameters();
    return Promise.reject(
      new ChaincodeError('INVALID_ARGUMENT', 'function', `${fcn} is not a Tag transaction`),
    );
  }

  /** The read model follows passage records through EventsRecorded; tag records add nothing public to it. */
  private emitRecorded(ctx: Context, result: RecordResult): void {
    if (result.replayed || result.records.length === 0) return;
    const { records, replayed: _replayed, ...receipt } = result;
    ctx.stub.setEvent(ChaincodeEventName.EventsRecorded, marshal({ receipt, records }));
  }

  @Transaction()
  @Returns('string')
  async CommissionTag(ctx: Context, tagJson: string): Promise<string> {
    const { tag, recorded } = await commissionTag(ctx, tagJson);
    this.emitRecorded(ctx, recorded);
    return canonicalJson(publicTag(tag));
  }

  @Transaction()
  @Returns('string')
  async SetTagStatus(ctx: Context, changeJson: string): Promise<string> {
    return canonicalJson(publicTag(await changeStatus(ctx, changeJson)));
  }

  @Transaction(false)
  @Returns('string')
  async GetTag(ctx: Context, selectorJson: string): Promise<string> {
    const selector = parseJsonArg(TagSelector, selectorJson, 'tag');
    const store = new Store(ctx);
    const tag = await findTag(store, selector, 'tag');
    return canonicalJson(publicTag(tag, await store.get(TapState, TagKey.tap, [tag.tagId])));
  }

  @Transaction()
  @Returns('string')
  async RecordTap(ctx: Context, tapJson: string): Promise<string> {
    return canonicalJson(await recordTap(ctx, tapJson));
  }

  @Transaction()
  @Returns('string')
  async RecordNfcScan(ctx: Context, scanJson: string): Promise<string> {
    const { recorded, ...answer } = await recordNfcScan(ctx, scanJson);
    if (recorded) this.emitRecorded(ctx, recorded);
    return canonicalJson(answer);
  }

  @Transaction()
  @Returns('string')
  async CheckEpcReads(ctx: Context, checkJson: string): Promise<string> {
    return canonicalJson(await checkReads(ctx, checkJson));
  }

  @Transaction()
  @Returns('string')
  async FileReport(ctx: Context, reportJson: string): Promise<string> {
    return canonicalJson(await fileReport(ctx, reportJson));
  }

  @Transaction(false)
  @Returns('string')
  async ListAlerts(ctx: Context, queryJson: string): Promise<string> {
    return canonicalJson(await listAlerts(ctx, queryJson));
  }

  @Transaction(false)
  @Returns('string')
  async ListReports(ctx: Context, queryJson: string): Promise<string> {
    return canonicalJson(await listReports(ctx, queryJson));
  }
}
