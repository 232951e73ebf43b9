/**
 * Exports for members (under `/exports`): a lot's whole trace as an EPCIS 2.0 document, the FSMA 204
 * sortable spreadsheet (CSV or XLSX) for a traceability lot code and date range, and the EUDR geolocation
 * GeoJSON of a lot. Each is signed for by the member's own identity: the ledger decides what they may read.
 */
import { Router, type Request } from 'express';
import type { EpcisEventStore } from '../epcis/readModel/eventStore';
import { badRequest } from '../http/problem';
import type { TraceClient } from '../client';
import { eudrReport } from './eudr/eudrReport';
import type { MasterData } from './fsma204/cteRows';
import { fsmaRows } from './fsma204/fsmaReport';
import { toCsv, toXlsx } from './fsma204/spreadsheet';
import { traceDocument } from './lotDocument';

export interface ExportRouteDeps {
  readonly client: TraceClient;
  /** The EPCIS read model's store (opened on first use by the EPCIS routes). */
  readonly events: () => Promise<EpcisEventStore>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function param(req: Request, name: string): string {
  const v = req.query[name];
  if (typeof v !== 'string' || v.trim() === '')
    throw badRequest('MISSING_PARAMETER', `query parameter ${name} is required`, name);
  return v.trim();
}

function date(req: Request, name: string): string {
  const v = param(req, name);
  if (!/^\d{4}-\d\d-\d\d$/.test(v) || Number.isNaN(Date.parse(v)))
    throw badRequest('INVALID_DATE', `${name} is a date YYYY-MM-DD`, name);
  return v;
}

const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80);

export function exportRoutes(deps: ExportRouteDeps): Router {
  const router = Router();
  const trace = (req: Request, id: string) => deps.client.trace(req.member!, id);
  const masterData = (req: Request): MasterData => ({
    product: (gtin) => deps.client.getProduct(req.member!, gtin),
    location: (id) => deps.client.getLocation(req.member!, id),
    lot: (id) => deps.client.getLot(req.member!, id),
  });

  router.get('/exports/lots/epcis', async (req, res) => {
    const view = await trace(req, param(req, 'id'));
    res.type('application/ld+json').send(JSON.stringify(traceDocument(view)));
  });

  router.get('/exports/fsma204', async (req, res) => {
    const request = { tlc: param(req, 'tlc'), from: date(req, 'from'), to: date(req, 'to') };
    if (request.from > request.to) throw badRequest('INVALID_DATE', 'from is after to', 'from');
    const format = typeof req.query.format === 'string' ? req.query.format : 'csv';
    if (format !== 'csv' && format !== 'xlsx')
      throw badRequest('INVALID_FORMAT', 'format is csv or xlsx', 'format');
    const rows = await fsmaRows(await deps.events(), masterData(req), request);
    const name = `fsma204_${fileSafe(request.tlc)}_${request.from}_${request.to}.${format}`;
    res.attachment(name);
    if (format === 'csv') res.type('text/csv; charset=utf-8').send(toCsv(rows));
    else
      res
        .type(XLSX)
        .send(await toXlsx(rows, `FSMA 204 records of ${request.tlc}, ${request.from} to ${request.to}`));
  });

  router.get('/exports/eudr', async (req, res) => {
    const report = eudrReport(await trace(req, param(req, 'lot')));
    res.type('application/geo+json').send(JSON.stringify(report));
  });

  return router;
}
