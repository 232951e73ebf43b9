/**
 * The gateway is the GS1 Digital Link resolver for the QR codes on packs: `/{prefix}/01/{gtin}/10/{lot}` or
 * `/21/{serial}`. A phone gets the journey page; `Accept: application/json` or a `linkType` gets data
 * (GS1 Digital Link 1.4 §6, resolver behaviour; `linkType=all` answers an RFC 9264 linkset). Anonymous, public
 * fields only: every answer passes through `toPublicTrace`.
 */
import { Router, type Request, type Response } from 'express';
import { canonicalId, parseGs1Key } from '../../../chaincode/src/api';
import { notFound } from '../http/problem';
import { renderProblemPage } from '../pages';
import type { TraceCache } from './traceCache';
import { HTML_TYPE, JSON_TYPE, isKnown, lookupHeaders, publicJson, publicPage } from './lookupResponse';

export interface ResolverDeps {
  readonly cache: TraceCache;
  /** Base URL of this resolver as printed on labels, e.g. https://trace.example.com */
  readonly publicUrl: (req: Request) => string;
}

/** Any path that ends in a GTIN primary key with optional qualifiers, after an optional prefix. */
export const DIGITAL_LINK_PATH = /^(?:\/[^/]+)*?\/01\/\d{8,14}(?:\/(?:22|10|21)\/[^/]+)*\/?$/;

const LINK_TYPES = ['gs1:pip', 'gs1:traceability', 'gs1:recallStatus'] as const;

function linkset(base: string, self: string): Record<string, unknown> {
  return {
    linkset: [
      {
        anchor: self,
        'https://gs1.org/voc/pip': [{ href: self, title: 'Product journey', type: 'text/html' }],
        'https://gs1.org/voc/traceability': [
          { href: `${self}?linkType=gs1:traceability`, type: 'application/json' },
        ],
        'https://gs1.org/voc/recallStatus': [
          { href: `${self}?linkType=gs1:recallStatus`, type: 'application/json' },
        ],
        'https://gs1.org/voc/defaultLink': [{ href: self }],
        describedby: [{ href: `${base}/openapi.json`, type: 'application/json' }],
      },
    ],
  };
}

export function resolverRoutes(deps: ResolverDeps): Router {
  const router = Router();

  router.get(DIGITAL_LINK_PATH, async (req: Request, res: Response) => {
    const base = deps.publicUrl(req);
    const self = base + req.path;
    // The contract's own key parser (check digits, character set, path prefix) is ~100x faster than a full
    // Digital Link grammar parse, which matters at thousands of lookups a second; scans use the full parser.
    const key = parseGs1Key(self, 'path');
    const linkType = typeof req.query.linkType === 'string' ? req.query.linkType : undefined;
    if (linkType === 'all' || linkType === 'linkset') {
      res.type('application/linkset+json').json(linkset(base, self));
      return;
    }
    const entry = await deps.cache.get(key.id);
    const wantsJson =
      linkType === 'gs1:traceability' ||
      linkType === 'gs1:recallStatus' ||
      req.accepts(['text/html', 'application/json']) === 'application/json';
    if (linkType !== undefined && !(LINK_TYPES as readonly string[]).includes(linkType)) {
      throw notFound(`no link of type ${linkType}; try linkType=all`);
    }
    if (!isKnown(entry)) {
      if (wantsJson) throw notFound(`nothing is known of ${key.id}`);
      res.status(404).type('html').send(renderProblemPage(404, 'We could not find this product'));
      return;
    }
    const json = publicJson(entry);
    if (linkType === 'gs1:recallStatus') {
      const trace = JSON.parse(json) as { recalled: boolean; recalls: unknown[] };
      res
        .set(lookupHeaders(self, JSON_TYPE))
        .send(JSON.stringify({ recalled: trace.recalled, recalls: trace.recalls }));
      return;
    }
    if (wantsJson) {
      res.set(lookupHeaders(self, JSON_TYPE)).send(json);
      return;
    }
    res.set(lookupHeaders(self, HTML_TYPE)).send(publicPage(entry, self));
  });

  /** Lookup by any identifier (EPC URN, Digital Link): `/trace?id=urn:epc:id:sgtin:…`. */
  router.get('/trace', async (req, res) => {
    const id = typeof req.query.id === 'string' ? req.query.id : '';
    const entry = await deps.cache.get(canonicalId(id, 'id'));
    if (!isKnown(entry)) throw notFound(`nothing is known of ${id}`);
    res.type('application/json').send(publicJson(entry));
  });

  return router;
}
