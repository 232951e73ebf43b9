/**
 * Capture jobs (EPCIS 2.0 §12.4 capture interface): a document is accepted at once (202) and recorded in the
 * background. `rollback` (the default) records the whole document in ONE ledger transaction, so either every
 * event is recorded or none; `proceed` records each event in its own transaction and reports the ones that
 * failed. A job is finished only once the read model has applied its block, so a client that polls the job and
 * then queries sees its events. Jobs are kept in the read model's store and survive restarts.
 */
import { randomUUID } from 'node:crypto';
import { MAX_EVENTS_PER_TX, type ScanReceipt } from '../../../chaincode/src/api';
import { toProblem } from '../http/errorHandler';
import type { ProblemBody } from '../http/problem';
import type { TraceClient } from '../client';
import { prepareEvent, type PreparedEvent, type ReplacedEventId } from './epcisDocument';
import type { EpcisReadModel } from './readModel/readModel';

export type CaptureErrorBehaviour = 'rollback' | 'proceed';

/** The EPCIS capture job resource, plus what Trace recorded (eventIDs, duplicates, replaced IDs). */
export interface CaptureJob {
  readonly captureID: string;
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly running: boolean;
  readonly success: boolean;
  readonly captureErrorBehaviour: CaptureErrorBehaviour;
  readonly errors: readonly ProblemBody[];
  readonly eventIDs: readonly string[];
  readonly duplicates: readonly string[];
  readonly replacedEventIDs: readonly ReplacedEventId[];
}

/** Largest document a `rollback` capture takes: one ledger transaction's worth. */
export const ROLLBACK_CAPTURE_LIMIT = MAX_EVENTS_PER_TX;
/** Largest document a `proceed` capture takes. */
export const PROCEED_CAPTURE_LIMIT = 10_000;
/** Transactions in flight at once for a `proceed` capture. */
const PROCEED_WINDOW = 8;

type Json = Record<string, unknown>;

export class CaptureJobs {
  private readonly done = new Map<string, Promise<CaptureJob>>();

  constructor(
    private readonly client: TraceClient,
    private readonly readModel: EpcisReadModel,
  ) {}

  async get(captureID: string): Promise<CaptureJob | undefined> {
    return this.readModel.store.getMeta<CaptureJob>(`capture:${captureID}`);
  }

  /** Resolves with the finished job (for callers in this process: tests, the benchmark). */
  async finished(captureID: string): Promise<CaptureJob | undefined> {
    return (await this.done.get(captureID)) ?? this.get(captureID);
  }

  /** Accepts a schema-valid document's events for recording as `user`; returns the running job. */
  async start(
    user: string,
    events: readonly Json[],
    context: unknown,
    behaviour: CaptureErrorBehaviour,
  ): Promise<CaptureJob> {
    const job: CaptureJob = {
      captureID: randomUUID(),
      createdAt: new Date().toISOString(),
      running: true,
      success: false,
      captureErrorBehaviour: behaviour,
      errors: [],
      eventIDs: [],
      duplicates: [],
      replacedEventIDs: [],
    };
    await this.save(job);
    const prepared = events.map((e) => prepareEvent(e, context));
    const run =
      behaviour === 'rollback' ? this.rollback(user, job, prepared) : this.proceed(user, job, prepared);
    this.done.set(job.captureID, run);
    void run.finally(() => this.done.delete(job.captureID));
    return job;
  }

  private async save(job: CaptureJob): Promise<void> {
    await this.readModel.store.putMeta(`capture:${job.captureID}`, job);
  }

  private async submit(
    user: string,
    key: string,
    events: readonly PreparedEvent[],
  ): Promise<ScanReceipt & { block: bigint }> {
    const batch = { idempotencyKey: key, events: events.map((p) => p.event) };
    const submitted = await this.client.recordEvents(user, batch);
    await this.readModel.caughtUp(submitted.blockNumber);
    await this.syncDeclarations(user, events, submitted.value, submitted.blockNumber);
    return { ...submitted.value, block: submitted.blockNumber };
  }

  /**
   * An event re-captured with an errorDeclaration becomes a declaration on the ledger, but EventsRecorded does
   * not (yet) carry declarations: read each back from the ledger (GetEvent) so queries show it at once.
   */
  private async syncDeclarations(
    user: string,
    events: readonly PreparedEvent[],
    receipt: ScanReceipt,
    block: bigint,
  ): Promise<void> {
    const recorded = new Set([...receipt.eventIDs, ...receipt.duplicates]);
    for (const p of events) {
      if (p.event.errorDeclaration === undefined || recorded.has(p.eventID)) continue;
      const record = await this.client.getEvent(user, p.eventID);
      if (record.errorDeclaration)
        await this.readModel.store.applyErrorDeclaration(record.errorDeclaration, block);
    }
  }

  private async finish(job: CaptureJob, outcome: Partial<CaptureJob>): Promise<CaptureJob> {
    const finished: CaptureJob = { ...job, ...outcome, running: false, finishedAt: new Date().toISOString() };
    await this.save(finished);
    return finished;
  }

  private replaced(prepared: readonly PreparedEvent[]): ReplacedEventId[] {
    return prepared.flatMap((p) => (p.replaced ? [p.replaced] : []));
  }

  private async rollback(
    user: string,
    job: CaptureJob,
    prepared: readonly PreparedEvent[],
  ): Promise<CaptureJob> {
    try {
      const receipt = await this.submit(user, `capture:${job.captureID}`, prepared);
      return await this.finish(job, {
        success: true,
        eventIDs: receipt.eventIDs,
        duplicates: receipt.duplicates,
        replacedEventIDs: this.replaced(prepared),
      });
    } catch (error) {
      return this.finish(job, { success: false, errors: [toProblem(error).body()] });
    }
  }

  private async proceed(
    user: string,
    job: CaptureJob,
    prepared: readonly PreparedEvent[],
  ): Promise<CaptureJob> {
    const errors: ProblemBody[] = [];
    const eventIDs: string[] = [];
    const duplicates: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < prepared.length) {
        const i = next++;
        try {
          const receipt = await this.submit(user, `capture:${job.captureID}:${i}`, [prepared[i]!]);
          eventIDs.push(...receipt.eventIDs);
          duplicates.push(...receipt.duplicates);
        } catch (error) {
          // The pointer names the failed event in the captured document.
          errors.push({ ...toProblem(error).body(), instance: `/epcisBody/eventList/${i}` });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PROCEED_WINDOW, prepared.length) }, worker));
    return this.finish(job, {
      success: errors.length === 0,
      errors,
      eventIDs,
      duplicates,
      replacedEventIDs: this.replaced(prepared),
    });
  }
}
