/**
 * The EPCIS 2.0 REST binding (EPCIS 2.0 §12), under `/epcis`, for members: capture (documents, as jobs),
 * single events, and SimpleEventQuery over the read model. Routes are thin: validate with GS1's schema, hand to
 * capture jobs or the read model, render EPCIS documents; failures are EPCIS exceptions as problem+json.
 */
import path from 'node:path';
import express, { Router, type Request, type RequestHandler } from 'express';
import type { Ledger } from '../../../ledger/src';
import type { TraceClient } from '../client';
import {
  CaptureJobs,
  PROCEED_CAPTURE_LIMIT,
  ROLLBACK_CAPTURE_LIMIT,
  type CaptureErrorBehaviour,
} from './captureJobs';
import { prepareEvent, queryDocument } from './epcisDocument';
import { epcisHeaders } from './epcisHeaders';
import { epcisProblem } from './epcisProblem';
import { parseEventQuery } from './queryParams';
import { PageTokenError } from './readModel/queryPlan';
import { EpcisReadModel } from './readModel/readModel';
import { formatProblems, validateEpcisDocument, validateEpcisEvent } from './schema';

export interface EpcisRouteDeps {
  readonly client: TraceClient;
  readonly ledger: Ledger;
  /** The read model lives in `<dataDir>/epcis-read-model` unless one is given. */
  readonly dataDir: string;
  readonly maxBodyBytes: number;
  /** An already open read model (tests, benchmark); otherwise opened on first use. */
  readonly readModel?: EpcisReadModel;
}

/** What the EPCIS routes run on, opened once. */
export interface EpcisRuntime {
  readonly readModel: EpcisReadModel;
  readonly jobs: CaptureJobs;
}

/** Largest capture document in bytes (EPCIS: GS1-EPCIS-Capture-File-Size-Limit). */
const CAPTURE_MAX_BYTES = 32 * 1024 * 1024;
const JSON_TYPES = ['application/json', 'application/ld+json'];
const LD_JSON = 'application/ld+json';
/** Where the binding lives (the router carries full paths, as every gateway router does). */
export const BASE = '/epcis';

const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is(JSON_TYPES)) {
    next(
      epcisProblem(
        415,
        'UnsupportedMediaTypeException',
        'UNSUPPORTED_MEDIA_TYPE',
        'send application/ld+json or application/json',
      ),
    );
    return;
  }
  next();
};

function behaviourOf(req: Request): CaptureErrorBehaviour {
  const value = (req.get('GS1-Capture-Error-Behaviour') ?? 'rollback').trim().toLowerCase();
  if (value !== 'rollback' && value !== 'proceed') {
    throw epcisProblem(
      400,
      'ValidationException',
      'CAPTURE_ERROR_BEHAVIOUR',
      'GS1-Capture-Error-Behaviour is rollback or proceed',
      'GS1-Capture-Error-Behaviour',
    );
  }
  return value;
}

const invalidDocument = (errors: Parameters<typeof formatProblems>[0]) =>
  epcisProblem(400, 'ValidationException', 'EPCIS_SCHEMA', formatProblems(errors), undefined, { errors });

export function epcisRoutes(deps: EpcisRouteDeps): Router & { runtime(): Promise<EpcisRuntime> } {
  let opened: Promise<EpcisRuntime> | undefined;
  const runtime = (): Promise<EpcisRuntime> =>
    (opened ??= (async () => {
      const readModel =
        deps.readModel ??
        (await EpcisReadModel.open(path.join(deps.dataDir, 'epcis-read-model'), deps.ledger));
      return { readModel, jobs: new CaptureJobs(deps.client, readModel) };
    })());

  // Open at once, so the read model catches up with the ledger before the first query rather than during it;
  // a failure to open surfaces on the first request.
  runtime().catch(() => undefined);

  const router = Router();
  const captureBody = express.json({
    limit: Math.max(deps.maxBodyBytes, CAPTURE_MAX_BYTES),
    type: JSON_TYPES,
  });
  const eventBody = express.json({ limit: deps.maxBodyBytes, type: JSON_TYPES });
  router.use(BASE, epcisHeaders);

  router.post(`${BASE}/capture`, requireJson, captureBody, async (req, res) => {
    // EPCIS 2.0 §12.4: the capture interface states its limits.
    res.set({
      'GS1-EPCIS-Capture-Limit': String(ROLLBACK_CAPTURE_LIMIT),
      'GS1-EPCIS-Capture-File-Size-Limit': String(Math.max(deps.maxBodyBytes, CAPTURE_MAX_BYTES)),
    });
    const behaviour = behaviourOf(req);
    const doc = req.body as {
      type?: unknown;
      '@context'?: unknown;
      epcisBody?: { eventList?: Record<string, unknown>[] };
    };
    if (doc.type !== 'EPCISDocument') {
      throw epcisProblem(
        400,
        'ValidationException',
        'EPCIS_SCHEMA',
        'capture takes an EPCISDocument',
        'type',
      );
    }
    const result = validateEpcisDocument(doc);
    if (!result.valid) throw invalidDocument(result.errors);
    const events = doc.epcisBody?.eventList ?? [];
    const limit = behaviour === 'rollback' ? ROLLBACK_CAPTURE_LIMIT : PROCEED_CAPTURE_LIMIT;
    if (events.length === 0)
      throw epcisProblem(
        400,
        'ValidationException',
        'EPCIS_EMPTY',
        'the eventList is empty',
        'epcisBody.eventList',
      );
    if (events.length > limit) {
      throw epcisProblem(
        413,
        'CaptureLimitExceededException',
        'CAPTURE_LIMIT',
        `${behaviour} captures at most ${limit} events per document`,
      );
    }
    const { jobs } = await runtime();
    const job = await jobs.start(req.member!, events, doc['@context'], behaviour);
    res.status(202).location(`${BASE}/capture/${job.captureID}`).json(job);
  });

  router.get(`${BASE}/capture/:captureID`, async (req, res) => {
    const job = await (await runtime()).jobs.get(req.params.captureID);
    if (!job)
      throw epcisProblem(
        404,
        'NoSuchResourceException',
        'NOT_FOUND',
        `no capture job ${req.params.captureID}`,
      );
    res.json(job);
  });

  router.post(`${BASE}/events`, requireJson, eventBody, async (req, res) => {
    const input = req.body as Record<string, unknown>;
    const result = validateEpcisEvent(input);
    if (!result.valid) throw invalidDocument(result.errors);
    const { readModel } = await runtime();
    const prepared = prepareEvent(input, input['@context']);
    const exists = () =>
      epcisProblem(
        409,
        'ResourceAlreadyExistsException',
        'ALREADY_EXISTS',
        `event ${prepared.eventID} already exists`,
        'eventID',
      );
    if (await readModel.store.has(prepared.eventID)) throw exists();
    const submitted = await deps.client.recordEvents(req.member!, { events: [prepared.event] });
    // The ledger is the judge: a concurrent capture of the same event makes this one a duplicate there.
    if (submitted.value.duplicates.includes(prepared.eventID)) throw exists();
    await readModel.caughtUp(submitted.blockNumber);
    res
      .status(201)
      .location(`${BASE}/events/${encodeURIComponent(prepared.eventID)}`)
      .json({
        eventID: prepared.eventID,
        ...(prepared.replaced ? { replacedEventID: prepared.replaced.given } : {}),
      });
  });

  router.get(`${BASE}/events/:eventID`, async (req, res) => {
    const event = await (await runtime()).readModel.store.get(req.params.eventID);
    if (!event)
      throw epcisProblem(404, 'NoSuchResourceException', 'NOT_FOUND', `no event ${req.params.eventID}`);
    res.type(LD_JSON).send(JSON.stringify(queryDocument([event])));
  });

  router.get(`${BASE}/events`, async (req, res) => {
    const { query, perPage, pageToken } = parseEventQuery(req);
    const { readModel } = await runtime();
    let page;
    try {
      page = await readModel.store.query(query, perPage, pageToken);
    } catch (error) {
      if (error instanceof PageTokenError)
        throw epcisProblem(400, 'QueryParameterException', error.code, error.message, 'nextPageToken');
      throw error;
    }
    if (page.nextPageToken !== undefined) {
      const next = new URLSearchParams();
      for (const [k, v] of Object.entries(req.query)) {
        if (k === 'nextPageToken') continue;
        for (const one of Array.isArray(v) ? v : [v]) if (typeof one === 'string') next.append(k, one);
      }
      next.set('nextPageToken', page.nextPageToken);
      res.set('Link', `<${BASE}/events?${next.toString()}>; rel="next"`);
    }
    res.type(LD_JSON).send(JSON.stringify(queryDocument(page.events)));
  });

  return Object.assign(router, { runtime });
}
