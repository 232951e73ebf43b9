/**
 * The Trace contract: the transaction functions Fabric peers (and the embedded ledger) dispatch to.
 * Functions are thin: each parses its arguments, delegates to one module, marshals the answer with sorted
 * keys (the contract API's serializer does not sort) and emits one chaincode event for the read model.
 */
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { z } from 'zod';
import { callerOf } from '../access/policy';
import { ChaincodeError } from '../errors';
import { canonicalJson, marshal } from '../marshal';
import { ErrorDeclaration, EventRecord, ERROR_REASONS } from '../model/eventRecord';
import { Location } from '../model/location';
import { Lot } from '../model/lot';
import { Product } from '../model/product';
import { DateTime } from '../model/common';
import { canonicalId, normaliseGtin, parseGs1Key } from '../identifiers/gs1Keys';
import { parseJsonArg } from '../model/parse';
import { KeyType, orgCollection } from '../state/keys';
import { Store } from '../state/store';
import { txTime } from '../txContext';
import { trace } from '../trace/traceQuery';
import { queryEvents } from './eventQuery';
import { registerLocation, registerLot, registerProduct } from './masterData';
import { recallLot } from './recall';
import { recordEvents, recordScans, saveErrorDeclaration } from './passage';
import { ChaincodeEventName } from './names';

const ErrorDeclarationInput = z.object({
  eventID: z.string().min(1),
  reason: z.enum(ERROR_REASONS),
  correctiveEventIDs: z.array(z.string()).max(100).default([]),
  declarationTime: DateTime.optional(),
});

@Info({ title: 'Trace', description: 'Farm-to-shelf passage records as GS1 EPCIS 2.0 events' })
export class TraceContract extends Contract {
  constructor() {
    super('TraceContract');
  }

  override unknownTransaction(ctx: Context): Promise<void> {
    const { fcn } = ctx.stub.getFunctionAndParameters();
    return Promise.reject(
      new ChaincodeError('INVALID_ARGUMENT', 'function', `${fcn} is not a Trace transaction`),
    );
  }

  private emit(ctx: Context, name: ChaincodeEventName, payload: unknown): void {
    ctx.stub.setEvent(name, marshal(payload));
  }

  @Transaction()
  @Returns('string')
  async RegisterProduct(ctx: Context, productJson: string): Promise<string> {
    const product = await registerProduct(ctx, productJson);
    this.emit(ctx, ChaincodeEventName.ProductRegistered, product);
    return canonicalJson(product);
  }

  @Transaction()
  @Returns('string')
  async RegisterLot(ctx: Context, lotJson: string): Promise<string> {
    const lot = await registerLot(ctx, lotJson);
    this.emit(ctx, ChaincodeEventName.LotRegistered, lot);
    return canonicalJson(lot);
  }

  @Transaction()
  @Returns('string')
  async RegisterLocation(ctx: Context, locationJson: string): Promise<string> {
    const location = await registerLocation(ctx, locationJson);
    this.emit(ctx, ChaincodeEventName.LocationRegistered, location);
    return canonicalJson(location);
  }

  /** Record a batch of EPCIS events (one scan or one RFID portal batch); transient `commercial` is private. */
  @Transaction()
  @Returns('string')
  async RecordEvents(ctx: Context, batchJson: string): Promise<string> {
    const result = await recordEvents(ctx, batchJson);
    if (!result.replayed) {
      const { records, declarations, replayed: _replayed, ...receipt } = result;
      // The read models follow this event alone: it carries the full records and any error declarations.
      this.emit(ctx, ChaincodeEventName.EventsRecorded, { receipt, records, declarations });
    }
    const { records: _records, declarations: _declarations, ...receipt } = result;
    return canonicalJson(receipt);
  }

  /**
   * Many scans of the caller in one transaction, each with its own idempotency key and its own outcome
   * (`{receipt}` or `{error, idempotencyKey}`): the gateway's outbox groups scans this way.
   */
  @Transaction()
  @Returns('string')
  async RecordScans(ctx: Context, groupJson: string): Promise<string> {
    const outcomes = await recordScans(ctx, groupJson);
    const records = outcomes.flatMap((o) => ('receipt' in o ? o.receipt.records : []));
    if (records.length > 0) this.emit(ctx, ChaincodeEventName.EventsRecorded, { records });
    return canonicalJson(
      outcomes.map((o) =>
        'receipt' in o ? { receipt: { ...o.receipt, records: undefined, declarations: undefined } } : o,
      ),
    );
  }

  @Transaction()
  @Returns('string')
  async DeclareError(ctx: Context, declarationJson: string): Promise<string> {
    const input = parseJsonArg(ErrorDeclarationInput, declarationJson, 'errorDeclaration');
    const declaration = await saveErrorDeclaration(ctx, new Store(ctx), callerOf(ctx), {
      eventID: input.eventID,
      reason: input.reason,
      correctiveEventIDs: input.correctiveEventIDs,
      declarationTime: input.declarationTime ?? txTime(ctx),
    });
    for (const [i, id] of declaration.correctiveEventIDs.entries()) {
      if (!(await new Store(ctx).exists(KeyType.event, [id]))) {
        throw new ChaincodeError(
          'NOT_FOUND',
          `errorDeclaration.correctiveEventIDs[${i}]`,
          `${id} does not exist`,
        );
      }
    }
    this.emit(ctx, ChaincodeEventName.ErrorDeclared, declaration);
    return canonicalJson(declaration);
  }

  @Transaction()
  @Returns('string')
  async RecallLot(ctx: Context, recallJson: string): Promise<string> {
    const recall = await recallLot(ctx, recallJson);
    this.emit(ctx, ChaincodeEventName.LotRecalled, recall);
    return canonicalJson(recall);
  }

  @Transaction(false)
  @Returns('string')
  async Trace(ctx: Context, id: string): Promise<string> {
    return canonicalJson(await trace(ctx, id));
  }

  @Transaction(false)
  @Returns('string')
  async QueryEvents(ctx: Context, queryJson: string): Promise<string> {
    return canonicalJson(await queryEvents(ctx, queryJson));
  }

  @Transaction(false)
  @Returns('string')
  async GetEvent(ctx: Context, eventId: string): Promise<string> {
    const store = new Store(ctx);
    const record = await store.get(EventRecord, KeyType.event, [eventId]);
    if (!record) throw new ChaincodeError('NOT_FOUND', 'eventID', `${eventId} does not exist`);
    const errorDeclaration = await store.get(ErrorDeclaration, KeyType.errorDeclaration, [eventId]);
    return canonicalJson(errorDeclaration ? { ...record, errorDeclaration } : record);
  }

  @Transaction(false)
  @Returns('string')
  async GetProduct(ctx: Context, gtin: string): Promise<string> {
    const id = normaliseGtin(gtin, 'gtin');
    const product = await new Store(ctx).get(Product, KeyType.product, [id]);
    if (!product) throw new ChaincodeError('NOT_FOUND', 'gtin', `${id} is not registered`);
    return canonicalJson(product);
  }

  @Transaction(false)
  @Returns('string')
  async GetLot(ctx: Context, id: string): Promise<string> {
    const key = parseGs1Key(id, 'id');
    const lot = key.kind === 'lot' ? await new Store(ctx).get(Lot, KeyType.lot, [key.id]) : undefined;
    if (!lot) throw new ChaincodeError('NOT_FOUND', 'id', `${key.id} is not a registered lot`);
    return canonicalJson(lot);
  }

  @Transaction(false)
  @Returns('string')
  async GetLocation(ctx: Context, id: string): Promise<string> {
    const location = await new Store(ctx).get(Location, KeyType.location, [canonicalId(id, 'id')]);
    if (!location) throw new ChaincodeError('NOT_FOUND', 'id', `${id} is not a registered location`);
    return canonicalJson(location);
  }

  /** Commercial details of an event, from the caller's own organisation collection (members only). */
  @Transaction(false)
  @Returns('string')
  async GetCommercialDetails(ctx: Context, eventId: string): Promise<string> {
    const caller = callerOf(ctx);
    const details = await new Store(ctx).getPrivate(orgCollection(caller.mspId), KeyType.commercial, [
      eventId,
    ]);
    if (details === undefined)
      throw new ChaincodeError(
        'NOT_FOUND',
        'eventID',
        `no commercial details of ${eventId} for ${caller.mspId}`,
      );
    return canonicalJson(details);
  }

  /** Every version of a record (product, lot, location, event) with the transaction that wrote it. */
  @Transaction(false)
  @Returns('string')
  async History(ctx: Context, kind: string, id: string): Promise<string> {
    const keys: Record<string, () => string[]> = {
      product: () => [normaliseGtin(id, 'id')],
      lot: () => [canonicalId(id, 'id')],
      location: () => [canonicalId(id, 'id')],
      event: () => [id],
    };
    const attrs = keys[kind]?.();
    if (!attrs) throw new ChaincodeError('INVALID_ARGUMENT', 'kind', 'one of product, lot, location, event');
    const iterator = await ctx.stub.getHistoryForKey(ctx.stub.createCompositeKey(kind, attrs));
    const versions: unknown[] = [];
    try {
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        const { txId, isDelete, value, timestamp } = r.value;
        const seconds =
          typeof timestamp.seconds === 'number' ? timestamp.seconds : Number(timestamp.seconds.toString());
        versions.push({
          txId,
          isDelete,
          timestamp: new Date(seconds * 1000 + Math.floor(timestamp.nanos / 1e6)).toISOString(),
          value: isDelete ? null : (JSON.parse(Buffer.from(value).toString('utf8')) as unknown),
        });
      }
    } finally {
      await iterator.close();
    }
    return canonicalJson(versions);
  }
}
