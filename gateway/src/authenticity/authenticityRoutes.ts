/**
 * Anti-counterfeit HTTP API. Public: `GET /t?picc_data=…&cmac=…` (the URL an NTAG 424 DNA tag mirrors) answers a
 * verdict page or JSON, and `POST /t/report` files a consumer report. Members: `POST /scans/nfc` records a
 * verified tap as a passage record. Brands: `/tags` (commission, status), `/authenticity/rfid` (clone checks),
 * `/authenticity/alerts` and `/authenticity/reports` (their own organisation's only).
 */
import express, { Router, type RequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import { AuthenticityService, NfcScanRequest, type AuthenticityDeps } from './authenticityService';
import { CommissionRequest, InboxRequest, RfidCheckRequest, StatusRequest } from './brandRequests';
import { statusOf, type PublicVerdict } from './publicVerdict';
import { renderVerdictPage, VERDICT_PAGE_CSP } from './verdictPage';
import { HttpProblem } from '../http/problem';
import { placeUri } from '../scans/passageEvents';
import type { TraceCache } from '../lookup/traceCache';
import { toPublicTrace } from '../lookup';
import { renderProblemPage } from '../pages';
import { LedgerError } from '../../../ledger/src';
import { respondScan } from '../scans/scanRoutes';

export interface NfcRouteDeps extends AuthenticityDeps {
  readonly cache: TraceCache;
  readonly publicUrl: (req: Request) => string;
  readonly publicLimit: RequestHandler;
  readonly maxBodyBytes: number;
}

const TapPlace = z.object({ lat: z.coerce.number(), lon: z.coerce.number(), country: z.string().optional() });
const ReportForm = z.object({
  picc_data: z.string().max(64).optional(),
  enc: z.string().max(600).optional(),
  cmac: z.string().max(64).optional(),
  url: z.string().max(2048).optional(),
  item: z.string().max(512).optional(),
  seen: z.string().max(20).optional(),
  message: z.string().max(2000).optional(),
  region: z.string().max(2).optional(),
});
const SUN_FIELDS = ['picc_data', 'enc', 'cmac'] as const;

function sendVerdict(
  req: Request,
  res: Response,
  verdict: PublicVerdict,
  tap?: Record<string, string>,
): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(statusOf(verdict));
  if (req.accepts(['text/html', 'application/json']) === 'application/json') {
    // Failures are problem+json like every error of the gateway, with the same generic words as the page.
    if (verdict.verdict === 'not_verified')
      throw new HttpProblem(422, 'TAP_NOT_VERIFIED', 'Could not verify', verdict.message, undefined, {
        verdict: verdict.verdict,
        message: verdict.message,
      });
    res.json(verdict);
    return;
  }
  res.setHeader('Content-Security-Policy', VERDICT_PAGE_CSP);
  res.type('html').send(renderVerdictPage(verdict, { reportPath: '/t/report', ...(tap ? { tap } : {}) }));
}

const sunFields = (query: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    SUN_FIELDS.filter((f) => typeof query[f] === 'string').map((f) => [f, query[f] as string]),
  );

export function nfcRoutes(deps: NfcRouteDeps): Router {
  const router = Router();
  const service = new AuthenticityService(deps);
  const json = express.json({ limit: deps.maxBodyBytes });
  const member = (req: Request): string => {
    if (req.member === undefined)
      throw new HttpProblem(401, 'UNAUTHENTICATED', 'Unauthenticated', 'an API key is required');
    return req.member;
  };

  router.get('/t', deps.publicLimit, async (req, res) => {
    const place = TapPlace.safeParse(req.query);
    const wantsHtml = req.accepts(['text/html', 'application/json']) !== 'application/json';
    const tapped = await service
      .publicTap(req.originalUrl, place.success ? place.data : undefined, deps.publicUrl(req))
      .catch((error: unknown) => {
        // A phone gets a page it can show, not problem+json; API clients get the usual 503 problem.
        if (!(error instanceof LedgerError) || !wantsHtml) throw error;
        return undefined;
      });
    if (!tapped) {
      res.setHeader('Cache-Control', 'no-store');
      res.status(503).type('html').send(renderProblemPage(503, 'We could not check this product right now'));
      return;
    }
    const verdict = tapped.item
      ? { ...tapped, trace: toPublicTrace((await deps.cache.get(tapped.item.id)).view) }
      : tapped;
    sendVerdict(req, res, verdict, sunFields(req.query));
  });

  router.post(
    '/t/report',
    deps.publicLimit,
    express.urlencoded({ extended: false, limit: 8192 }),
    express.json({ limit: 8192 }),
    async (req, res) => {
      const form = ReportForm.parse(req.body ?? {});
      // The tag mirrors enc before cmac; the MAC covers that exact text, so rebuild it in the tag's order.
      const url =
        form.url ??
        (form.picc_data !== undefined
          ? `/t?${SUN_FIELDS.filter((f) => form[f] !== undefined)
              .map((f) => `${f}=${form[f]!}`)
              .join('&')}`
          : undefined);
      const verdict = await service.report({
        ...(url !== undefined ? { url } : {}),
        ...(form.item !== undefined ? { item: form.item } : {}),
        ...(form.seen !== undefined ? { seen: form.seen } : {}),
        ...(form.message !== undefined ? { message: form.message } : {}),
        ...(form.region !== undefined ? { region: form.region } : {}),
      });
      sendVerdict(req, res, verdict);
    },
  );

  router.post('/scans/nfc', json, async (req, res) => {
    const outcome = await service.memberScan(member(req), NfcScanRequest.parse(req.body));
    const result = outcome.entry.result as { genuine?: boolean } | undefined;
    if (outcome.entry.state === 'committed' && result?.genuine === false) {
      throw new HttpProblem(
        422,
        'TAP_NOT_VERIFIED',
        'Could not verify',
        'this tap could not be verified',
        'url',
        { scanId: outcome.entry.scanId },
      );
    }
    await respondScan(res, outcome, deps.cache);
  });

  router.post('/tags', json, async (req, res) => {
    const { epcHex, ...input } = CommissionRequest.parse(req.body);
    const tag = await service.client.commissionTag(member(req), {
      ...input,
      ...(epcHex !== undefined ? { epc: epcHex } : {}),
    });
    res.status(201).json(tag);
  });

  router.post('/tags/status', json, async (req, res) => {
    res.json(await service.client.setTagStatus(member(req), StatusRequest.parse(req.body)));
  });

  router.post('/authenticity/rfid', json, async (req, res) => {
    const request = RfidCheckRequest.parse(req.body);
    const reads = request.reads.map((r) => ({
      epc: r.epc,
      time: new Date(r.time).toISOString(),
      ...(r.tid !== undefined ? { tid: r.tid } : {}),
    }));
    res.json(
      await service.client.checkEpcReads(member(req), {
        readPoint: placeUri(request.readPoint),
        reads,
      }),
    );
  });

  router.get('/authenticity/alerts', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await service.client.listAlerts(member(req), InboxRequest.parse(req.query)));
  });

  router.get('/authenticity/reports', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await service.client.listReports(member(req), InboxRequest.parse(req.query)));
  });

  return router;
}
