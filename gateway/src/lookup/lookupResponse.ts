/**
 * What a cached public lookup answers, computed once per cached trace and shared by the Express resolver and
 * the fast path, so both send the same bytes and headers.
 */
import { renderTracePage } from './page/tracePage';
import { toPublicTrace } from './publicTrace';
import type { CachedTrace } from './traceCache';

/** Something was recorded about the thing itself: a passage, or its own master data (not merely its GTIN's). */
export function isKnown(entry: CachedTrace): boolean {
  const { view } = entry;
  return (
    view.journey.length > 0 ||
    view.lots.some((l) => l.id === view.subject) ||
    view.products.some((p) => p.id === view.subject)
  );
}

function memo(entry: CachedTrace, key: string, make: () => string): string {
  let value = entry.renderings.get(key) as string | undefined;
  if (value === undefined) entry.renderings.set(key, (value = make()));
  return value;
}

export const publicJson = (entry: CachedTrace): string =>
  memo(entry, 'json', () => JSON.stringify(toPublicTrace(entry.view)));

/** Where the consumer report form of an item page posts (gateway/src/authenticity/authenticityRoutes.ts). */
export const REPORT_ACTION = '/t/report';

export const publicPage = (entry: CachedTrace, self: string): string =>
  memo(entry, `html:${self}`, () =>
    renderTracePage(toPublicTrace(entry.view), {
      canonicalUrl: self,
      // Counterfeits are serialised goods: an item page lets the consumer report a suspected fake.
      ...(entry.view.subject.includes('/21/')
        ? { reportForm: { action: REPORT_ACTION, item: entry.view.subject } }
        : {}),
    }),
  );

/** A page rendered before for this URL, or undefined (the fast path then leaves the request to Express). */
export const renderedPage = (entry: CachedTrace, self: string): string | undefined =>
  entry.renderings.get(`html:${self}`) as string | undefined;

export function lookupHeaders(self: string, contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Cache-Control': 'public, max-age=15',
    Link: `<${self}?linkType=all>; rel="linkset"`,
  };
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';
