import { createHash } from 'node:crypto';
import { loadTraceView } from '../../../../test/fixtures/trace/traceViews';
import { toPublicTrace } from '../publicTrace';
import { renderTracePage } from './tracePage';
import { renderProblemPage } from '../../pages/problemPage';
import type { PublicTrace } from '../publicTraceSchema';

const CANONICAL = 'https://trace.example.com/01/07612345000022/10/R-260310';
const page = (trace: PublicTrace, reportUrl?: string): string =>
  renderTracePage(trace, { canonicalUrl: CANONICAL, ...(reportUrl !== undefined ? { reportUrl } : {}) });
/** The CSP as a browser reads it from the meta element (attribute value entity-decoded). */
const cspOf = (doc: string): string =>
  (/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(doc)?.[1] ?? '').replace(/&#39;/g, "'");
const count = (text: string, re: RegExp): number => text.match(new RegExp(re.source, 'g'))?.length ?? 0;

/** Everything a browser would fetch by itself: src/srcset, stylesheet and preload links, CSS url()/@import. */
function fetchedResources(doc: string): string[] {
  return [
    ...[...doc.matchAll(/\s(?:src|srcset|poster|data)="([^"]*)"/g)].map((m) => m[1]!),
    ...[...doc.matchAll(/<link\s[^>]*>/g)]
      .map((m) => m[0])
      .filter((l) => !/rel="canonical"/.test(l))
      .map((l) => /href="([^"]*)"/.exec(l)?.[1] ?? ''),
    ...[...doc.matchAll(/url\(([^)]*)\)|@import\s+([^;]+)/g)].map((m) => m[1] ?? m[2]!),
  ].filter((u) => !u.startsWith('data:'));
}

describe('trace page', () => {
  const coffee = toPublicTrace(loadTraceView('coffeeJourney'));

  it('is a complete HTML document for phones with language, title and canonical link', () => {
    const doc = page(coffee);
    expect(doc).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(doc).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(doc).toContain(
      '<title>La Esperanza medium roast, whole bean 250 g · lot R-260310 · Trace</title>',
    );
    expect(doc).toContain(`<link rel="canonical" href="${CANONICAL}">`);
    expect(count(doc, /<h1[\s>]/)).toBe(1);
    expect(doc).toMatch(/<\/html>\n$/);
  });

  it('makes no external requests and needs no script', () => {
    for (const name of ['coffeeJourney', 'coldChainAlarm', 'recalledLot'] as const) {
      const doc = page(toPublicTrace(loadTraceView(name)), 'https://trace.example.com/report');
      expect(fetchedResources(doc)).toEqual([]);
      expect(doc).not.toMatch(/<script|<img|<iframe|<object|\son[a-z]+=/i);
    }
    // The product image URL is offered as a link, never loaded.
    expect(page(coffee)).toContain(
      '<a href="https://cdn.example.org/img/la-esperanza-250.jpg" rel="noopener">',
    );
  });

  it('pins its one stylesheet by hash in a CSP that allows nothing else', () => {
    const doc = page(coffee);
    const css = /<style>([\s\S]*?)<\/style>/.exec(doc)![1]!;
    const csp = cspOf(doc);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(count(doc, /<style>/)).toBe(1);
  });

  it('escapes every string from the ledger', () => {
    const evil = '<script>alert("x")</script>';
    const trace: PublicTrace = {
      ...coffee,
      product: { ...coffee.product!, name: evil, brand: `"><img src=x onerror=alert(1)>` },
      stages: coffee.stages.map((s) => ({ ...s, place: { name: evil, country: 'DE' } })),
      origins: coffee.origins.map((o) => ({
        ...o,
        plots: o.plots.map((p) => ({ ...p, name: `</title>${evil}` })),
      })),
      certifications: [{ standard: evil, url: 'javascript:alert(1)' }],
    };
    const doc = page(trace, 'javascript:alert(2)');
    expect(doc).not.toMatch(/<script|<img|javascript:/i);
    expect(doc).toContain(
      '<h1 data-testid="product-name">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>',
    );
    expect(doc).toContain('&lt;/title&gt;&lt;script&gt;');
    expect(doc).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows the journey as one timeline item per public stage, with place and local time', () => {
    const doc = page(coffee);
    expect(count(doc, /data-testid="journey"/)).toBe(1);
    expect(count(doc, /data-testid="stage"/)).toBe(coffee.stages.length);
    expect(doc).toContain('<h3>Harvested</h3>');
    expect(doc).toContain('<time datetime="2026-01-12T08:30:00-05:00">12 Jan 2026, 08:30 (UTC−05:00)</time>');
    expect(doc).toContain('Finca La Esperanza, Colombia');
    expect(doc).toContain('Green coffee, Huila washed → La Esperanza medium roast, whole bean 250 g');
    expect(doc).toContain('1 record was corrected by the company that made it and is not shown.');
    expect(doc).not.toContain('data-testid="recall-banner"');
  });

  it('draws the origin plots as an inline SVG map and lists them', () => {
    const doc = page(coffee);
    expect(count(doc, /data-testid="origin-map"/)).toBe(1);
    expect(doc).toMatch(
      /<svg class="map" data-testid="origin-map" role="img" aria-labelledby="origin-map-title-0" viewBox="0 0 320 \d+"/,
    );
    expect(doc).toContain('Map of 2 production plots in Huila, Colombia');
    expect(doc).toContain('4.6\u00a0ha');
  });

  it('shows temperature ranges, the alarm and the readings of a cold chain', () => {
    const doc = page(toPublicTrace(loadTraceView('coldChainAlarm')));
    expect(doc).toContain(
      'Temperature 2.4\u00a0°C to 8.4\u00a0°C. <strong>Alarm: a reading was outside the allowed range.</strong>',
    );
    expect(count(doc, /class="temp alarm"/)).toBe(1);
    expect(doc).toContain('<summary>4 temperature readings</summary>');
    expect(doc).toContain('<td class="alarm">8.4\u00a0°C alarm</td>');
    expect(doc).toContain('Temperature 37.9\u00a0°F');
  });

  it('puts a red alert banner with the reason and date first on a recalled lot', () => {
    const doc = page(toPublicTrace(loadTraceView('recalledLot')), 'mailto:care@example.com');
    const banner = /<section class="recall" role="alert" data-testid="recall-banner"[\s\S]*?<\/section>/.exec(
      doc,
    )?.[0];
    expect(banner).toBeDefined();
    expect(banner).toContain('Possible Listeria monocytogenes contamination');
    expect(banner).toContain('<time datetime="2026-05-20">20 May 2026</time> · lot SP-2611-B');
    expect(banner).toContain('<a href="mailto:care@example.com">');
    expect(doc.indexOf('data-testid="recall-banner"')).toBeLessThan(
      doc.indexOf('data-testid="product-name"'),
    );
    expect(doc).toContain('<title>RECALLED: Baby spinach 200 g');
    // The outline starts at the product: the banner title is not a heading.
    expect(doc.search(/<h[1-6][\s>]/)).toBe(doc.indexOf('<h1 '));
    expect(doc).toContain('only part of it is shown');
  });

  it('says so when nothing public is recorded yet', () => {
    const doc = page({ ...coffee, stages: [], origins: [], certifications: [], corrections: [] });
    expect(doc).toContain('<p data-testid="journey">No public records');
    expect(doc).not.toContain('data-testid="stage"');
  });
});

describe('problem page', () => {
  it('is a complete page in the same style, with the status and an escaped title', () => {
    const doc = renderProblemPage(404, 'No <b>such</b> product');
    expect(doc).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(doc).toContain('<h1>No &lt;b&gt;such&lt;/b&gt; product</h1>');
    expect(doc).toContain('Error 404');
    expect(cspOf(doc)).toContain("default-src 'none'");
    expect(fetchedResources(doc)).toEqual([]);
  });

  it('has a helpful default sentence per status and takes a custom one', () => {
    expect(renderProblemPage(503, 'Busy')).toContain('try again in a moment');
    expect(renderProblemPage(502, 'Down')).toContain('Something went wrong on our side');
    expect(renderProblemPage(404, 'Gone', { detail: 'Ask the shop.' })).toContain('<p>Ask the shop.</p>');
  });
});
