/**
 * Members' writes and reads that are not scans: master data (products, lots, locations), recalls, error
 * declarations, and the full (members-only) trace. Each is signed by the caller's own enrolled identity.
 */
import express, { Router } from 'express';
import type { Submitted, TraceClient } from '../client';
import type { TraceCache } from '../lookup/traceCache';

export interface MemberRouteDeps {
  readonly client: TraceClient;
  readonly cache: TraceCache;
  readonly maxBodyBytes: number;
}

export function memberRoutes(deps: MemberRouteDeps): Router {
  const router = Router();
  const json = express.json({ limit: deps.maxBodyBytes });

  const create = (path: string, write: (user: string, input: unknown) => Promise<Submitted<unknown>>) =>
    router.post(path, json, async (req, res) => {
      const submitted = await write(req.member!, req.body ?? null);
      await deps.cache.caughtUp(submitted.blockNumber, 2000);
      res.status(201).json(submitted.value);
    });

  const client = deps.client;
  create('/products', (user, input) => client.registerProduct(user, input));
  create('/lots', (user, input) => client.registerLot(user, input));
  create('/locations', (user, input) => client.registerLocation(user, input));
  create('/recalls', (user, input) => client.recallLot(user, input));
  create('/error-declarations', (user, input) => client.declareError(user, input));

  /** A batch of EPCIS events recorded as one transaction: commissioning, packing, transformations. */
  router.post('/events', json, async (req, res) => {
    const body = (req.body ?? {}) as { commercial?: unknown };
    const submitted = await deps.client.recordEvents(
      req.member!,
      { ...body, commercial: undefined },
      body.commercial,
    );
    await deps.cache.caughtUp(submitted.blockNumber, 2000);
    res.status(201).json(submitted.value);
  });

  router.get('/members/trace', async (req, res) => {
    res
      .type('application/json')
      .send(await deps.client.traceText(req.member!, typeof req.query.id === 'string' ? req.query.id : ''));
  });

  router.get('/members/events/:eventId/commercial', async (req, res) => {
    res
      .type('application/json')
      .send(await deps.client.commercialDetailsText(req.member!, req.params.eventId));
  });

  return router;
}
