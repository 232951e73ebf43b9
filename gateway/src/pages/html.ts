/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already `SafeHtml`. Pages are
 * assembled only from `markup\`…\`` pieces, so a product name such as `<script>` can only ever arrive as text.
 * The tag is not called `html` on purpose: Prettier reformats `html` templates, which would change the output.
 */

/** A fragment of markup that has been escaped or written by us; only `markup` and `raw` make one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and for quoted attribute values (HTML Living Standard §13.1.2.3, §13.5). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** What may be interpolated: text (escaped), numbers, SafeHtml, lists of these; false/null/undefined print nothing. */
export type HtmlValue = string | number | SafeHtml | false | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === false || value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/** Tagged template: `markup\`<p>${name}</p>\`` with `name` escaped. */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted markup written in this codebase (the stylesheet): never pass data here. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

/**
 * A URL safe to put in `href`: only http(s) and mailto survive, so a `javascript:` link in master data is dropped
 * rather than escaped into a working link.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return ['https:', 'http:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
