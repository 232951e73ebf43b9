/**
 * The page a consumer sees after scanning a pack: readable without JavaScript, complete in one response (no
 * requests after it), semantic HTML for screen readers. Every string from the ledger goes through `markup`.
 */
import type {
  PublicCertification,
  PublicOrigin,
  PublicPlace,
  PublicProduct,
  PublicStage,
  PublicTrace,
  TemperatureSummary,
} from '../publicTraceSchema';
import { markup, safeHref, type SafeHtml } from '../../pages/html';
import { formatDate, formatLocalTime } from './localTime';
import { renderOriginMap } from './plotMap';
import { renderDocument } from '../../pages/pageDocument';

/** Options of {@link renderTracePage}. */
export interface TracePageOptions {
  /** The permanent URL of this page (the Digital Link on the pack): `<link rel="canonical">` and the footer. */
  readonly canonicalUrl: string;
  /** Where a consumer reports a problem with the product (a form or a mailto: link). */
  readonly reportUrl?: string;
  /** For a serialised item: where the consumer's counterfeit report form posts, and the item it names. */
  readonly reportForm?: { readonly action: string; readonly item: string };
  /** BCP 47 language of the page; the labels are English. */
  readonly lang?: string;
  /** Name of the service in the title and footer; default "Trace". */
  readonly siteName?: string;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** `CO` → `Colombia`; an unknown code stays as it is. */
function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

const FAMILY: Readonly<Record<PublicProduct['family'], string>> = {
  coffee: 'Coffee',
  food: 'Food',
  goods: 'Goods',
};

const words = (s: string): string => s.replace(/_/g, ' ');
const when = (local: string): SafeHtml => markup`<time datetime="${local}">${formatLocalTime(local)}</time>`;
const day = (date: string): SafeHtml => markup`<time datetime="${date}">${formatDate(date)}</time>`;
const temp = (v: number, unit: string): string => `${v.toFixed(1)}\u00a0${unit}`;

/** First in the page, before the h1; its title is not a heading so the outline still starts at the product. */
function recallBanner(trace: PublicTrace, reportUrl: string | undefined): SafeHtml | '' {
  if (!trace.recalled) return '';
  const report = safeHref(reportUrl);
  return markup`<section class="recall" role="alert" data-testid="recall-banner" aria-labelledby="recall-title">
<p class="recall-title" id="recall-title">Recalled: do not eat or use this product</p>
${trace.recalls.map(
  (r) => markup`<p>${r.reason}</p>
<p>Recalled on ${day(r.date)}${r.lot !== undefined ? markup` · lot ${r.lot}` : ''}</p>
`,
)}${report !== undefined ? markup`<p><a href="${report}">Contact us about this recall</a></p>` : ''}
</section>
`;
}

function header(trace: PublicTrace): SafeHtml {
  const product = trace.product;
  const lot = trace.lot;
  const image = safeHref(product?.imageUrl);
  const facts: [string, SafeHtml | string][] = [];
  if (product) facts.push(['GTIN', product.gtin]);
  if (lot) facts.push(['Lot', lot.lot]);
  if (lot?.harvestDate !== undefined) facts.push(['Harvested', day(lot.harvestDate)]);
  if (lot?.productionDate !== undefined) facts.push(['Produced', day(lot.productionDate)]);
  if (lot?.expiryDate !== undefined) facts.push(['Use by', day(lot.expiryDate)]);
  return markup`<header>
${product?.brand !== undefined ? markup`<p class="brand">${product.brand}</p>\n` : ''}<h1 data-testid="product-name">${product?.name ?? 'Unregistered product'}</h1>
${product ? markup`<p class="muted">${FAMILY[product.family]}</p>\n` : ''}${product?.description !== undefined ? markup`<p>${product.description}</p>\n` : ''}${image !== undefined ? markup`<p><a href="${image}" rel="noopener">Product photo</a></p>\n` : ''}${facts.length > 0 ? markup`<dl class="facts">${facts.map(([k, v]) => markup`<dt>${k}</dt><dd>${v}</dd>`)}</dl>\n` : ''}</header>`;
}

function origin(o: PublicOrigin, index: number): SafeHtml {
  const area = [o.region, countryName(o.country)].filter((s) => s !== undefined).join(', ');
  const where = [o.producer, area].filter((s) => s !== undefined).join(', ');
  const map = renderOriginMap(o, index, area);
  const plots = o.plots.map((p, i) => {
    const parts: (SafeHtml | string)[] = [];
    if (p.areaHa !== undefined) parts.push(`${p.areaHa}\u00a0ha`);
    if (p.harvestStart !== undefined && p.harvestEnd !== undefined) {
      parts.push(markup`harvested ${day(p.harvestStart)} – ${day(p.harvestEnd)}`);
    }
    return markup`<li>${map && p.geometry !== undefined ? markup`<span class="plot-no">${i + 1}</span> ` : ''}${p.name ?? `Plot ${i + 1}`}${parts.length > 0 ? markup` · ${parts.map((x, j) => markup`${j > 0 ? ', ' : ''}${x}`)}` : ''}</li>`;
  });
  return markup`<article class="origin">
<h3>${o.productName ?? 'Lot'} · lot ${o.lot}</h3>
<p>${where}</p>
${map ?? ''}${plots.length > 0 ? markup`<ul class="plots">${plots}</ul>` : ''}
</article>
`;
}

function place(p: PublicPlace | undefined): SafeHtml | '' {
  if (!p) return '';
  return markup`<p class="where">${p.name}, ${countryName(p.country)}${p.kind !== undefined ? markup` <span class="muted">(${words(p.kind)})</span>` : ''}</p>`;
}

function temperature(t: TemperatureSummary | undefined): SafeHtml | '' {
  if (!t) return '';
  const range = t.min === t.max ? temp(t.min, t.unit) : `${temp(t.min, t.unit)} to ${temp(t.max, t.unit)}`;
  const rows = t.readings.map(
    (r) =>
      markup`<tr><td>${r.time !== undefined ? when(r.time) : '–'}</td><td${r.alarm ? markup` class="alarm"` : ''}>${temp(r.value, t.unit)}${r.alarm ? ' alarm' : ''}</td></tr>`,
  );
  return markup`<p class="temp${t.alarm ? ' alarm' : ''}" data-testid="temperature">Temperature ${range}${t.alarm ? markup`. <strong>Alarm: a reading was outside the allowed range.</strong>` : ''}</p>
${rows.length > 1 ? markup`<details><summary>${rows.length} temperature readings</summary><table><thead><tr><th scope="col">Time</th><th scope="col">Reading</th></tr></thead><tbody>${rows}</tbody></table></details>\n` : ''}`;
}

function stage(s: PublicStage): SafeHtml {
  const transformation = s.transformation;
  return markup`<li class="stage" data-testid="stage"${s.step !== undefined ? markup` data-step="${s.step}"` : ''}>
<h3>${s.label}</h3>
<p class="when">${when(s.time)}</p>
${place(s.place)}${transformation ? markup`<p>${transformation.inputs.join(', ') || 'inputs'} → ${transformation.outputs.join(', ') || 'outputs'}</p>\n` : ''}${temperature(s.temperature)}${s.recordedBy !== undefined ? markup`<p class="muted">Recorded by ${s.recordedBy}</p>\n` : ''}</li>
`;
}

function certification(c: PublicCertification): SafeHtml {
  const url = safeHref(c.url);
  const name =
    url !== undefined ? markup`<a href="${url}" rel="noopener">${c.standard}</a>` : markup`${c.standard}`;
  const details = [
    c.certificateId !== undefined ? `certificate ${c.certificateId}` : undefined,
    c.authority !== undefined ? `by ${c.authority}` : undefined,
  ].filter((s) => s !== undefined);
  return markup`<li>${name}${details.length > 0 ? ` (${details.join(', ')})` : ''}${c.validUntil !== undefined ? markup`, valid until ${day(c.validUntil)}` : ''}</li>`;
}

/** A plain form (no script): the report goes to the brand that owns the product, never to the public. */
function reportForm(form: { action: string; item: string }): SafeHtml {
  return markup`<section aria-labelledby="report-title">
<h2 id="report-title">Something wrong with this item?</h2>
<form method="post" action="${form.action}" data-testid="report-form">
<input type="hidden" name="item" value="${form.item}">
<label for="report-message">Tell the brand what you noticed (where you bought it, what looks wrong)</label>
<textarea id="report-message" name="message" rows="3" maxlength="2000"></textarea>
<button type="submit">Report a suspected fake</button>
</form>
</section>
`;
}

/** A complete HTML document for phones showing `trace`. */
export function renderTracePage(trace: PublicTrace, options: TracePageOptions): string {
  const site = options.siteName ?? 'Trace';
  const name = trace.product?.name ?? 'Product';
  const report = safeHref(options.reportUrl);
  const corrected = trace.corrections.length;
  const body = markup`<main>
${recallBanner(trace, options.reportUrl)}${header(trace)}
${trace.partial ? markup`<p class="note">This history is long; only part of it is shown.</p>\n` : ''}${
    trace.origins.length > 0
      ? markup`<section aria-labelledby="origin-title">
<h2 id="origin-title">Origin</h2>
${trace.origins.map(origin)}</section>
`
      : ''
  }<section aria-labelledby="journey-title">
<h2 id="journey-title">Journey</h2>
${
  trace.stages.length > 0
    ? markup`<ol class="journey" data-testid="journey">
${trace.stages.map(stage)}</ol>`
    : markup`<p data-testid="journey">No public records of this product's journey yet.</p>`
}
${corrected > 0 ? markup`<p class="note">${corrected === 1 ? '1 record was' : `${corrected} records were`} corrected by the company that made ${corrected === 1 ? 'it' : 'them'} and ${corrected === 1 ? 'is' : 'are'} not shown.</p>\n` : ''}</section>
${
  trace.certifications.length > 0
    ? markup`<section aria-labelledby="certs-title">
<h2 id="certs-title">Certifications</h2>
<ul class="certs">${trace.certifications.map(certification)}</ul>
</section>
`
    : ''
}${options.reportForm ? reportForm(options.reportForm) : ''}</main>
<footer>
<p>Recorded on the ${site} ledger by the companies that handled this product.</p>
<p><a href="${options.canonicalUrl}">Permanent link to this page</a>${report !== undefined ? markup` · <a href="${report}">Report a problem</a>` : ''}</p>
</footer>`;
  const title = `${trace.recalled ? 'RECALLED: ' : ''}${name}${trace.lot ? ` · lot ${trace.lot.lot}` : ''} · ${site}`;
  return renderDocument(
    {
      title,
      canonicalUrl: options.canonicalUrl,
      ...(options.lang !== undefined ? { lang: options.lang } : {}),
    },
    body,
  );
}
