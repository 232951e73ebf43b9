/**
 * Namespaces of extension fields. In EPCIS JSON-LD an extension is `prefix:name` with the prefix declared in the
 * document's `@context`; the event hash writes it as `{namespace IRI}name`, as the XML binding would, so both
 * bindings hash alike (CBV 2.0 §8.9).
 */

export type Namespaces = ReadonlyMap<string, string>;

/** Prefixes the standard EPCIS 2.0 context (epcis-context.jsonld) declares, available without declaration. */
const STANDARD: readonly (readonly [string, string])[] = [
  ['epcis', 'https://ref.gs1.org/epcis/'],
  ['cbv', 'https://ref.gs1.org/cbv/'],
  ['gs1', 'https://gs1.org/voc/'],
  ['cbvmda', 'urn:epcglobal:cbv:mda:'],
];

function collect(context: unknown, into: Map<string, string>): void {
  if (Array.isArray(context)) {
    for (const c of context) collect(c, into);
  } else if (typeof context === 'object' && context !== null) {
    for (const [prefix, iri] of Object.entries(context)) {
      if (typeof iri === 'string' && !prefix.startsWith('@')) into.set(prefix, iri);
    }
  }
  // A string entry is a remote context (the standard one): its prefixes are in STANDARD; nothing is fetched.
}

/** Prefix → namespace IRI from the document's and the event's `@context`; the event's wins. */
export function namespacesOf(...contexts: unknown[]): Namespaces {
  const map = new Map<string, string>(STANDARD);
  for (const c of contexts) collect(c, map);
  return map;
}

/** `example:myField` → `{https://ns.example.com/epcis/}myField`; a name without a declared prefix is kept. */
export function qualifiedName(key: string, ns: Namespaces): string {
  const colon = key.indexOf(':');
  if (colon <= 0) return key;
  const iri = ns.get(key.slice(0, colon));
  return iri === undefined ? key : `{${iri}}${key.slice(colon + 1)}`;
}
