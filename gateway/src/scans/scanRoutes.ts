/** Scans in: QR (GS1 Digital Link), RFID reader batches (JSON or protobuf frame), and scan status polling. */
import { createHash } from 'node:crypto';
import express, { Router, type Response } from 'express';
import { decodeScanFrame } from './decode';
import { EndorsementError, LedgerError } from '../../../ledger/src';
import { toProblem } from '../http/errorHandler';
import { HttpProblem, notFound, type ProblemBody } from '../http/problem';
import { QrScanRequest, RfidBatchRequest, StageContext } from './stageContext';
import type { Outbox, OutboxEntry } from '../outbox/outbox';
import type { ScanOutcome, ScanService } from './scanService';
import type { TraceCache } from '../lookup/traceCache';

export interface ScanRouteDeps {
  readonly scans: ScanService;
  readonly outbox: Outbox;
  readonly cache: TraceCache;
  readonly maxBodyBytes: number;
}

/** A failed entry's refusal as problem+json, as the error handler maps ledger refusals. */
function problemOf(entry: OutboxEntry): ProblemBody | undefined {
  if (entry.refusal !== undefined) return toProblem(new EndorsementError(entry.refusal)).body();
  if (entry.identityRefusal !== undefined)
    return toProblem(new LedgerError('ACCESS_DENIED', entry.identityRefusal)).body();
  return entry.problem;
}

/** The public face of an outbox entry: never the proposal, never the signer's key material. */
export function scanStatus(entry: OutboxEntry): Record<string, unknown> {
  const problem = problemOf(entry);
  return {
    scanId: entry.scanId,
    state: entry.state,
    acceptedAt: entry.acceptedAt,
    ...(entry.txId ? { txId: entry.txId, blockNumber: entry.blockNumber } : {}),
    ...(entry.result !== undefined ? { receipt: entry.result } : {}),
    ...(problem ? { problem } : {}),
  };
}

export async function respondScan(res: Response, outcome: ScanOutcome, cache: TraceCache): Promise<void> {
  const { entry } = outcome;
  // A retry the outbox no longer remembers is still recognised: the ledger answered from its receipt.
  const duplicate =
    outcome.duplicate || (entry.result as { replayed?: unknown } | undefined)?.replayed === true;
  if (duplicate) res.setHeader('Idempotent-Replayed', 'true');
  const location = `/scans/${encodeURIComponent(entry.scanId)}`;
  const problem = problemOf(entry);
  if (entry.state === 'failed' && problem) {
    res
      .status(problem.status)
      .type('application/problem+json')
      .json({ ...problem, scanId: entry.scanId });
    return;
  }
  if (entry.state === 'pending') {
    res.status(202).location(location).json(scanStatus(entry));
    return;
  }
  // Read-your-writes: a lookup right after this answer already shows the scan.
  if (entry.blockNumber !== undefined) await cache.caughtUp(BigInt(entry.blockNumber), 2000);
  res
    .status(duplicate ? 200 : 201)
    .location(location)
    .json(scanStatus(entry));
}

export function scanRoutes(deps: ScanRouteDeps): Router {
  const router = Router();
  const limit = deps.maxBodyBytes;

  router.post('/scans/qr', express.json({ limit }), async (req, res) => {
    const request = QrScanRequest.parse(req.body);
    await respondScan(res, await deps.scans.qr(req.member!, request), deps.cache);
  });

  router.post(
    '/scans/rfid',
    express.json({ limit }),
    express.raw({
      type: ['application/x-protobuf', 'application/protobuf', 'application/octet-stream'],
      limit,
    }),
    async (req, res) => {
      if (Buffer.isBuffer(req.body)) {
        const frame = req.body;
        const batch = decodeScanFrame(frame, { maxBytes: limit });
        // Stage context of a binary frame comes in the query string: ?bizStep=receiving&disposition=in_progress
        const stage = StageContext.omit({ location: true, eventTime: true, commercial: true }).parse({
          bizStep: req.query.bizStep ?? 'arriving',
          ...(req.query.disposition ? { disposition: req.query.disposition } : {}),
          ...(req.query.visibility ? { visibility: req.query.visibility } : {}),
          device: batch.readerId.replace(/[^A-Za-z0-9._:-]/g, '_').slice(0, 64) || 'reader',
        });
        const digest = createHash('sha256').update(frame).digest('base64url').slice(0, 32);
        await respondScan(res, await deps.scans.rfid(req.member!, batch, stage, digest), deps.cache);
        return;
      }
      if (req.body === undefined || typeof req.body !== 'object') {
        throw new HttpProblem(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Unsupported media type',
          'send application/json or application/x-protobuf',
        );
      }
      const request = RfidBatchRequest.parse(req.body);
      const { batch, digest } = deps.scans.rfidJsonToBatch(request);
      await respondScan(
        res,
        await deps.scans.rfid(
          req.member!,
          batch,
          { ...request, device: request.device ?? request.readerId },
          digest,
        ),
        deps.cache,
      );
    },
  );

  router.get('/scans/:scanId', async (req, res) => {
    const entry = await deps.outbox.get(req.params.scanId);
    // Scans are visible to the member who made them only.
    if (!entry || entry.user !== req.member) throw notFound(`no scan ${req.params.scanId}`);
    res.json(scanStatus(entry));
  });

  return router;
}
