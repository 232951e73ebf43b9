/**
 * EPCIS 2.0 exceptions as RFC 7807 problems. The REST binding names each failure by an `epcisException:…`
 * problem type (EPCIS 2.0 OpenAPI, ProblemResponseBody) so EPCIS clients can branch on it; Trace's stable
 * `code` is kept beside it.
 */
import { HttpProblem } from '../http/problem';

export type EpcisException =
  | 'ValidationException'
  | 'QueryParameterException'
  | 'NoSuchResourceException'
  | 'CaptureLimitExceededException'
  | 'ResourceAlreadyExistsException'
  | 'UnsupportedMediaTypeException'
  | 'NotAcceptableException'
  | 'ImplementationException';

export function epcisProblem(
  status: number,
  exception: EpcisException,
  code: string,
  detail: string,
  field?: string,
  extra: Readonly<Record<string, unknown>> = {},
): HttpProblem {
  return new HttpProblem(
    status,
    code,
    exception.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
    detail,
    field,
    {
      type: `epcisException:${exception}`,
      ...extra,
    },
  );
}
