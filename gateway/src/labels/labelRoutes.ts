/**
 * QR labels: the code on a pack IS this resolver's GS1 Digital Link URL. PNG and SVG for one lot or serial,
 * and a printable sheet for a run of serials.
 */
import { Router, type Request } from 'express';
import { buildDigitalLink } from '../scans/decode';
import { badRequest } from '../http/problem';
import { labelSheet } from './labelSheet';
import { qrPng, qrSvg } from './qrCode';

export interface LabelRouteDeps {
  readonly publicUrl: (req: Request) => string;
  readonly dlPrefix: string;
}

const LABEL_PATH = /^\/labels\/01\/(\d{8,14})\/(10|21)\/([^/]+)\.(png|svg)$/;
const MAX_SHEET = 500;

export function labelRoutes(deps: LabelRouteDeps): Router {
  const router = Router();

  router.get(LABEL_PATH, async (req, res) => {
    const [, gtin, ai, value, format] = LABEL_PATH.exec(req.path)!;
    const decoded = decodeURIComponent(value!);
    const url = buildDigitalLink(
      deps.publicUrl(req) + deps.dlPrefix,
      ai === '10' ? { gtin: gtin!, lot: decoded } : { gtin: gtin!, serial: decoded },
    );
    res.setHeader('Cache-Control', 'public, max-age=86400');
    if (format === 'png') res.type('png').send(await qrPng(url));
    else res.type('image/svg+xml').send(qrSvg(url));
  });

  /** `/labels/sheet?gtin=…&serials=A1,A2,…` or `&lot=…` → printable HTML. */
  router.get('/labels/sheet', (req, res) => {
    const gtin = typeof req.query.gtin === 'string' ? req.query.gtin : '';
    const serials = (typeof req.query.serials === 'string' ? req.query.serials : '')
      .split(',')
      .filter((s) => s.length > 0);
    const lot = typeof req.query.lot === 'string' ? req.query.lot : undefined;
    if (serials.length === 0 && lot === undefined)
      throw badRequest('NO_LABELS', 'give serials=… or lot=…', 'serials');
    if (serials.length > MAX_SHEET)
      throw badRequest('SHEET_TOO_LARGE', `at most ${MAX_SHEET} labels per sheet`, 'serials');
    const base = deps.publicUrl(req) + deps.dlPrefix;
    const items = (
      serials.length > 0 ? serials.map((serial) => ({ gtin, serial })) : [{ gtin, lot: lot! }]
    ).map((parts) => ({
      url: buildDigitalLink(base, parts),
    }));
    res.type('html').send(labelSheet(items));
  });

  return router;
}
