/**
 * `createApp(deps)` builds the Express app from its parts; `server.ts` only loads config and listens.
 * Data flows one way: scan → decode → validate → outbox → ledger → chaincode event → read model → lookup.
 */
import type { RequestListener } from 'node:http';
import express, { type Express, type Request } from 'express';
import { MemoryStore, rateLimit, type Store } from 'express-rate-limit';
import type { Config } from './config';
import { type ApiKeys, requireMember } from './http/apiKeys';
import { errorHandler, sendProblem } from './http/errorHandler';
import { HttpProblem } from './http/problem';
import type { Outbox } from './outbox/outbox';
import { ScanService } from './scans/scanService';
import type { Ledger } from '../../ledger/src';
import { TraceClient } from './client';
import type { TraceCache } from './lookup/traceCache';
import { withFastLookup } from './lookup/fastLookup';
import { epcisRoutes } from './epcis';
import { exportRoutes } from './exports';
import { labelRoutes } from './labels/labelRoutes';
import { memberRoutes } from './members/memberRoutes';
import { nfcRoutes } from './authenticity/authenticityRoutes';
import { FileKeyProvider } from './authenticity/nfc';
import { openApiRoutes } from './openapi/openApiRoutes';
import { resolverRoutes } from './lookup/resolverRoutes';
import { scanRoutes } from './scans/scanRoutes';

/** Paths only enrolled members may use; everything else is public. */
export const MEMBER_PATHS = [
  '/scans',
  '/products',
  '/lots',
  '/locations',
  '/recalls',
  '/error-declarations',
  '/events',
  '/members',
  '/labels',
  '/epcis',
  '/exports',
  '/tags',
  '/authenticity',
];

export interface AppDeps {
  readonly config: Config;
  readonly ledger: Ledger;
  readonly outbox: Outbox;
  readonly cache: TraceCache;
  readonly apiKeys: ApiKeys;
  /** Rate-limit counters of public lookups; shared with the fast lookup path when there is one. */
  readonly rateLimitStore?: Store;
}

const RATE_LIMITED = new HttpProblem(
  429,
  'RATE_LIMITED',
  'Too many requests',
  'slow down and retry after the Retry-After delay',
);

export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('etag', false);
  const client = new TraceClient(deps.ledger);
  const scans = new ScanService(deps.outbox, config);
  const publicUrl = (req: Request): string =>
    config.publicUrl ?? `${req.protocol}://${req.get('host') ?? `localhost:${config.port}`}`;

  const publicLimit = rateLimit({
    windowMs: 60_000,
    limit: config.publicRateLimit,
    standardHeaders: false,
    legacyHeaders: false,
    ...(deps.rateLimitStore ? { store: deps.rateLimitStore } : {}),
    handler: (req, res) => {
      res.setHeader('Retry-After', '60');
      sendProblem(res, RATE_LIMITED, req.originalUrl);
    },
  });

  app.get('/healthz', (_req, res) => {
    res.json({
      status: 'ok',
      ledger: config.ledger,
      outboxBacklog: deps.outbox.backlog,
      cachedTraces: deps.cache.size,
    });
  });
  app.use(openApiRoutes());

  app.use(MEMBER_PATHS, requireMember(deps.apiKeys));
  app.use(scanRoutes({ scans, outbox: deps.outbox, cache: deps.cache, maxBodyBytes: config.maxBodyBytes }));
  app.use(memberRoutes({ client, cache: deps.cache, maxBodyBytes: config.maxBodyBytes }));
  app.use(labelRoutes({ publicUrl, dlPrefix: config.dlPrefix }));
  app.use(
    nfcRoutes({
      ledger: deps.ledger,
      outbox: deps.outbox,
      cache: deps.cache,
      keys: new FileKeyProvider(config.nfcKeysFile),
      syncWaitMs: config.syncWaitMs,
      publicUrl,
      publicLimit,
      maxBodyBytes: config.maxBodyBytes,
    }),
  );
  // EPCIS 2.0 REST binding and regulatory exports: members only (capture writes as the member; queries and
  // exports show every member's events).
  const epcis = epcisRoutes({
    client,
    ledger: deps.ledger,
    dataDir: config.dataDir,
    maxBodyBytes: config.maxBodyBytes,
  });
  app.use(epcis);
  app.use(exportRoutes({ client, events: async () => (await epcis.runtime()).readModel.store }));
  // Last: the resolver accepts any path prefix before /01/, so the fixed routes above must win first.
  app.use(publicLimit, resolverRoutes({ cache: deps.cache, publicUrl }));

  app.use((req, _res, next) => {
    next(new HttpProblem(404, 'NOT_FOUND', 'Not found', `no route for ${req.method} ${req.path}`));
  });
  app.use(errorHandler);
  return app;
}

/**
 * The gateway as served: the Express app, and the request listener that answers cached public lookups beside
 * it (see lookup/fastLookup.ts) and hands everything else to it. Both count against one rate limit.
 */
export function createGateway(deps: AppDeps): { readonly app: Express; readonly listener: RequestListener } {
  const store = deps.rateLimitStore ?? new MemoryStore();
  const app = createApp({ ...deps, rateLimitStore: store });
  const listener = withFastLookup(
    {
      cache: deps.cache,
      publicUrl: deps.config.publicUrl,
      rateLimit: {
        store,
        limit: deps.config.publicRateLimit,
        onLimited: (req, res) => {
          res.writeHead(429, { 'Content-Type': 'application/problem+json', 'Retry-After': '60' });
          res.end(JSON.stringify(RATE_LIMITED.body(req.url)));
        },
      },
    },
    app,
  );
  return { app, listener };
}
