/**
 * RFC 7807 problem details: the one error shape every HTTP answer of the gateway uses.
 */

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  /** Stable machine-readable code, e.g. `GTIN_CHECK_DIGIT`, `LOT_NOT_FOUND`. */
  readonly code: string;
  /** The input field the problem concerns, when there is one. */
  readonly field?: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://trace.example.org/problems/';

/** An error that already knows its HTTP status and code; routes and use cases throw these. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly field?: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? title);
  }

  body(instance?: string): ProblemBody {
    return {
      type: PROBLEM_TYPE_BASE + this.code.toLowerCase().replace(/_/g, '-'),
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(instance !== undefined ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export const badRequest = (code: string, detail: string, field?: string): HttpProblem =>
  new HttpProblem(400, code, 'Bad request', detail, field);

export const notFound = (detail: string): HttpProblem =>
  new HttpProblem(404, 'NOT_FOUND', 'Not found', detail);
