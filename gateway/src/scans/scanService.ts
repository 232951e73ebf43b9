/**
 * Use cases for scans: decode and validate (bad input → 400, nothing written), build the passage record, put it
 * in the durable outbox under its idempotency key, and wait briefly for the commit. The route answers 201 with
 * the receipt when it committed in time, 202 with the scan id otherwise.
 */
import { createHash } from 'node:crypto';
import { itemId, lotId } from '../../../chaincode/src/api';
import { badRequest } from '../http/problem';
import { decodeEpcHex, dedupeReads, type ReaderBatch, type ScanRead } from './decode';
import { DigitalLinkCache } from './digitalLinkCache';
import { observeEvent } from './passageEvents';
import type { Outbox, OutboxEntry } from '../outbox/outbox';
import type { QrScanRequest, RfidBatchRequest, StageContext } from './stageContext';

export interface ScanOutcome {
  readonly entry: OutboxEntry;
  /** True when this idempotency key was accepted before: the first outcome is returned, nothing added. */
  readonly duplicate: boolean;
}

export interface ScanServiceOptions {
  readonly dedupeWindowMs: number;
  readonly maxBatchReads: number;
  readonly syncWaitMs: number;
}

const sha = (...parts: readonly string[]): string =>
  createHash('sha256').update(parts.join('\u001f')).digest('base64url').slice(0, 32);

/** Scans are keyed to the minute when the client gives neither key nor time, so a quick retry counts once. */
const minuteBucket = (): string => new Date().toISOString().slice(0, 16);

export class ScanService {
  private readonly links = new DigitalLinkCache();

  constructor(
    private readonly outbox: Outbox,
    private readonly options: ScanServiceOptions,
  ) {}

  private async enqueue(
    user: string,
    scanId: string,
    events: readonly Record<string, unknown>[],
    stage: Pick<StageContext, 'visibility' | 'commercial'>,
  ): Promise<ScanOutcome> {
    const batch = {
      idempotencyKey: scanId,
      events,
      ...(stage.visibility ? { visibility: stage.visibility } : {}),
    };
    const commercial = stage.commercial ? events.map(() => stage.commercial) : undefined;
    const { entry, duplicate } = await this.outbox.accept(scanId, {
      user,
      recordEvents: batch,
      ...(commercial ? { commercial } : {}),
    });
    const settled = await this.outbox.settled(scanId, this.options.syncWaitMs);
    return { entry: settled ?? entry, duplicate };
  }

  async qr(user: string, request: QrScanRequest): Promise<ScanOutcome> {
    const link = this.links.parse(request.digitalLink);
    const what =
      link.serial !== undefined
        ? { epcList: [itemId(link.gtin, link.serial)] }
        : link.lot !== undefined
          ? { quantityList: [{ epcClass: lotId(link.gtin, link.lot) }] }
          : undefined;
    if (!what)
      throw badRequest(
        'DIGITAL_LINK_NO_LOT_OR_SERIAL',
        'a passage names a lot (/10/) or a serial (/21/)',
        'digitalLink',
      );
    const eventTime = request.eventTime ?? new Date().toISOString();
    const scanId =
      request.idempotencyKey ??
      `qr:${sha(user, request.digitalLink, request.bizStep, request.location, request.device ?? '', request.eventTime ?? minuteBucket())}`;
    return this.enqueue(user, scanId, [observeEvent(what, request, eventTime)], request);
  }

  /** One reader upload → one transaction with one event per distinct read time window. */
  async rfid(
    user: string,
    batch: ReaderBatch,
    stage: Omit<StageContext, 'location'>,
    frameDigest: string,
  ): Promise<ScanOutcome> {
    if (batch.reads.length > this.options.maxBatchReads) {
      throw badRequest('BATCH_TOO_LARGE', `at most ${this.options.maxBatchReads} reads per batch`, 'reads');
    }
    const kept = dedupeReads(batch.reads, this.options.dedupeWindowMs);
    const epcs: string[] = [];
    for (const read of kept) {
      const decoded = decodeEpcHex(read.epcHex);
      // SGLN tags mark places, not goods: they do not belong in the list of things observed.
      if (decoded.scheme === 'sgln-96') continue;
      if (!epcs.includes(decoded.pureIdentityUri)) epcs.push(decoded.pureIdentityUri);
    }
    if (epcs.length === 0)
      throw badRequest('NO_GOODS_READ', 'the batch holds no product, case, pallet or asset tags', 'reads');
    const last = kept.reduce<ScanRead | undefined>(
      (a, r) => (a === undefined || r.time > a.time ? r : a),
      undefined,
    )!;
    const eventTime = new Date(last.time).toISOString();
    const scanId = stage.idempotencyKey ?? `rfid:${batch.readerId}:${batch.batchId || frameDigest}`;
    return this.enqueue(
      user,
      scanId,
      [observeEvent({ epcList: epcs }, { ...stage, location: batch.readPoint }, eventTime)],
      stage,
    );
  }

  /** JSON form of an RFID upload, checked against the same limits as the protobuf frame. */
  rfidJsonToBatch(request: RfidBatchRequest): { batch: ReaderBatch; digest: string } {
    if (request.reads.length > this.options.maxBatchReads) {
      throw badRequest('BATCH_TOO_LARGE', `at most ${this.options.maxBatchReads} reads per batch`, 'reads');
    }
    const reads = request.reads.map((r, i) => {
      decodeEpcHex(r.epc); // reject malformed EPC hex before anything is accepted
      const time = typeof r.time === 'number' ? r.time : Date.parse(r.time);
      if (!Number.isFinite(time)) throw badRequest('INVALID_TIME', 'unreadable time', `reads[${i}].time`);
      return { epcHex: r.epc.toUpperCase(), antenna: r.antenna, rssi: r.rssi, time };
    });
    const batch: ReaderBatch = {
      readerId: request.readerId,
      readPoint: request.readPoint,
      batchId: request.batchId ?? '',
      reads,
    };
    return { batch, digest: sha(JSON.stringify(reads)) };
  }
}
