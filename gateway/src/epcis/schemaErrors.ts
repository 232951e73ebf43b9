import type { ErrorObject } from 'ajv';

/** One schema violation, located by the JSON Pointer (RFC 6901) of the offending value in the input. */
export interface SchemaProblem {
  /** JSON Pointer into the validated value, `""` for the value itself (e.g. `/epcisBody/eventList/0/action`). */
  readonly pointer: string;
  /** What is wrong, in words, with allowed values where the schema lists them. */
  readonly message: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `type`, `format`, …). */
  readonly keyword: string;
}

const isWrapper = (e: ErrorObject): boolean => e.keyword === 'anyOf' || e.keyword === 'oneOf';
const within = (path: string, base: string): boolean => path === base || path.startsWith(`${base}/`);

function describe(e: ErrorObject): SchemaProblem {
  const params = e.params as Record<string, unknown>;
  let message = e.message ?? `fails ${e.keyword}`;
  let pointer = e.instancePath;
  if (e.keyword === 'required' && typeof params.missingProperty === 'string') {
    pointer = `${e.instancePath}/${params.missingProperty.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    message = 'is required';
  } else if (e.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message = `must be one of: ${params.allowedValues.map(String).join(', ')}`;
  } else if (e.keyword === 'not') {
    message = 'is not allowed here';
  }
  return { pointer, message, keyword: e.keyword };
}

/**
 * Ajv's raw errors, made readable. An `anyOf`/`oneOf` reports every failed alternative; when one alternative
 * fails only where a plain error is already reported (a wrong `action` fails both the enum and each
 * "action is ADD/OBSERVE" branch), the alternatives are noise and are dropped. Otherwise they are summarised as
 * one problem, "must satisfy one of: … | …". `if` errors only say the `then` failed, whose errors are reported.
 */
export function readableErrors(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  const all = (errors ?? []).filter((e) => e.keyword !== 'if');
  const wrappers = all.filter(isWrapper);
  const memberOf = (e: ErrorObject, w: ErrorObject): boolean =>
    e !== w && e.schemaPath.startsWith(`${w.schemaPath}/`) && within(e.instancePath, w.instancePath);
  const outer = wrappers.filter((w) => !wrappers.some((o) => memberOf(w, o)));
  const plain = all.filter((e) => !isWrapper(e) && !wrappers.some((w) => memberOf(e, w)));
  const problems = plain.map(describe);
  // Compare where the problems are (a missing property is located at the property, not at its parent).
  const explained = (e: ErrorObject): boolean => {
    const at = describe(e).pointer;
    return problems.some((p) => within(p.pointer, at));
  };

  for (const w of outer) {
    const branches = new Map<string, ErrorObject[]>();
    for (const e of all.filter((x) => !isWrapper(x) && memberOf(x, w))) {
      const branch = e.schemaPath.slice(w.schemaPath.length + 1).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    if ([...branches.values()].some((members) => members.every(explained))) continue;
    const alternatives = [...branches.values()].map((members) =>
      members
        .map((m) => describe(m))
        .map((d) => `${d.pointer.slice(w.instancePath.length) || '(it)'} ${d.message}`)
        .join(' and '),
    );
    problems.push({
      pointer: w.instancePath,
      message: `must satisfy one of: ${alternatives.join(' | ')}`,
      keyword: w.keyword,
    });
  }

  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.pointer}\u0000${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => (a.pointer === b.pointer ? 0 : a.pointer < b.pointer ? -1 : 1));
}

/** `"/eventTime is required; /action must be one of: OBSERVE, ADD, DELETE"`. */
export function formatProblems(problems: readonly SchemaProblem[]): string {
  return problems.map((p) => `${p.pointer === '' ? '(root)' : p.pointer} ${p.message}`).join('; ');
}
