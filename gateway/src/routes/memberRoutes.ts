/**
 * Members' writes and reads that are not scans: master data (products, lots, locations), recalls, error
 * declarations, and the full (members-only) trace. Each is signed by the caller's own enrolled identity.
 */
import express, { Router } from 'express';
import { Tx } from '../../../chaincode/src/api';
import type { TraceClient } from '../ledger/traceClient';
import type { TraceCache } from '../lookup/traceCache';

export interface MemberRouteDeps {
  readonly client: TraceClient;
  readonly cache: TraceCache;
  readonly maxBodyBytes: number;
}

export function memberRoutes(deps: MemberRouteDeps): Router {
  const router = Router();
  const json = express.json({ limit: deps.maxBodyBytes });

  const create = (path: string, tx: (typeof Tx)[keyof typeof Tx]) =>
    router.post(path, json, async (req, res) => {
      const submitted = await deps.client.submit(req.member!, tx, [JSON.stringify(req.body ?? null)]);
      await deps.cache.caughtUp(submitted.blockNumber, 2000);
      res.status(201).json(submitted.value);
    });

  create('/products', Tx.RegisterProduct);
  create('/lots', Tx.RegisterLot);
  create('/locations', Tx.RegisterLocation);
  create('/recalls', Tx.RecallLot);
  create('/error-declarations', Tx.DeclareError);

  /** A batch of EPCIS events recorded as one transaction: commissioning, packing, transformations. */
  router.post('/events', json, async (req, res) => {
    const body = (req.body ?? {}) as { commercial?: unknown };
    const transient = body.commercial === undefined ? undefined : { commercial: Buffer.from(JSON.stringify(body.commercial)) };
    const submitted = await deps.client.submit(req.member!, Tx.RecordEvents, [JSON.stringify({ ...body, commercial: undefined })], transient);
    await deps.cache.caughtUp(submitted.blockNumber, 2000);
    res.status(201).json(submitted.value);
  });

  router.get('/members/trace', async (req, res) => {
    res.type('application/json').send(await deps.client.evaluateText(req.member!, Tx.Trace, [typeof req.query.id === 'string' ? req.query.id : '']));
  });

  router.get('/members/events/:eventId/commercial', async (req, res) => {
    res.type('application/json').send(await deps.client.evaluateText(req.member!, Tx.GetCommercialDetails, [req.params.eventId]));
  });

  return router;
}
