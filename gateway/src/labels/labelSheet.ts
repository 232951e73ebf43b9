/**
 * A printable A4 sheet of QR labels: CSS grid, one inline SVG per label (vector, so it prints sharp at any
 * size), a caption with what the code names (GTIN, lot, serial) read back from the Digital Link itself, and
 * print rules that keep each label whole on one page. No scripts, no external resources.
 */
import { markup, raw, type SafeHtml } from '../pages/html';
import { parseDigitalLink } from '../scans/decode/digitalLink';
import { LabelError } from './labelError';
import { qrSvg } from './qrCode';

/** One label: the URL the code holds and a caption printed under it. */
export interface LabelItem {
  readonly url: string;
  readonly caption?: string;
}

/** Options of {@link labelSheet}. */
export interface LabelSheetOptions {
  /** Heading on screen and the document title; default "QR labels". */
  readonly title?: string;
  /** Labels per row, 1–6; default 3 (about 55 mm wide on A4). */
  readonly columns?: number;
  /** Print the URL under the code (for people without a camera); default true. */
  readonly showUrl?: boolean;
  readonly lang?: string;
}

/** At most this many labels in one document (about 20 A4 pages at 3 × 8). */
export const MAX_SHEET_LABELS = 500;

/** `GTIN 07612345000022 · Lot R-260310 · Serial 42` from a Digital Link, or nothing for other URLs. */
function identity(url: string): string | undefined {
  try {
    const link = parseDigitalLink(url);
    return [
      `GTIN ${link.gtin}`,
      link.lot !== undefined ? `Lot ${link.lot}` : undefined,
      link.serial !== undefined ? `Serial ${link.serial}` : undefined,
    ]
      .filter((s) => s !== undefined)
      .join(' · ');
  } catch {
    return undefined;
  }
}

function css(columns: number): string {
  return `
@page{size:A4 portrait;margin:10mm}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#000;background:#fff}
body{margin:0;padding:10mm}
.sheet{display:grid;grid-template-columns:repeat(${columns},1fr);gap:4mm}
.label{margin:0;padding:3mm;border:0.2mm dashed #999;display:flex;flex-direction:column;align-items:center;text-align:center;break-inside:avoid;page-break-inside:avoid}
.label svg{width:100%;max-width:40mm;height:auto;display:block}
figcaption{font-size:8pt;line-height:1.25;margin-top:1mm;overflow-wrap:anywhere}
figcaption strong{display:block;font-size:9pt}
.url{color:#333;font-size:6.5pt}
@media print{body{padding:0}.screen-only{display:none}.label{border-color:#ccc}}
`.trim();
}

function label(item: LabelItem, showUrl: boolean): SafeHtml {
  const id = identity(item.url);
  return markup`<figure class="label" data-testid="label">${raw(qrSvg(item.url, { title: item.caption ?? id ?? item.url }))}<figcaption>${item.caption !== undefined ? markup`<strong>${item.caption}</strong>` : ''}${id !== undefined ? markup`<span>${id}</span>` : ''}${showUrl ? markup`<br><span class="url">${item.url}</span>` : ''}</figcaption></figure>
`;
}

/** A complete HTML document with one QR label per item, laid out for A4. */
export function labelSheet(items: readonly LabelItem[], options: LabelSheetOptions = {}): string {
  if (items.length === 0 || items.length > MAX_SHEET_LABELS) {
    throw new LabelError('LABEL_SHEET_SIZE', 'items', `a sheet holds 1–${MAX_SHEET_LABELS} labels`);
  }
  const columns = options.columns ?? 3;
  if (!Number.isInteger(columns) || columns < 1 || columns > 6) {
    throw new LabelError('LABEL_OPTION_INVALID', 'columns', 'columns is an integer from 1 to 6');
  }
  const title = options.title ?? 'QR labels';
  const showUrl = options.showUrl ?? true;
  return markup`<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${raw(css(columns))}</style>
</head>
<body>
<header class="screen-only"><h1>${title}</h1><p>${items.length} ${items.length === 1 ? 'label' : 'labels'}. Print on A4 at 100 % scale (no “fit to page”) so codes keep their size.</p></header>
<main class="sheet" data-testid="label-sheet">
${items.map((item) => label(item, showUrl))}</main>
</body>
</html>
`.value;
}
