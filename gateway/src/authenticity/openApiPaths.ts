/** OpenAPI paths of the anti-counterfeit API (authenticityRoutes.ts). */
import { errors, jsonResponse, member, problemResponse } from '../openapi/components';

const notVerified = problemResponse(
  'Could not verify: one generic answer for every reason (forged, replayed, cloned, unknown, inactive)',
);
const body = { required: true, content: { 'application/json': { schema: { type: 'object' } } } };
const memberPost = (summary: string, ok: Record<string, unknown>) => ({
  post: {
    summary,
    tags: ['authenticity'],
    security: member,
    requestBody: body,
    responses: {
      ...ok,
      '400': errors['400'],
      '401': errors['401'],
      '403': errors['403'],
      '404': errors['404'],
      '409': errors['409'],
      '503': errors['503'],
    },
  },
});
const inbox = (summary: string) => ({
  get: {
    summary,
    tags: ['authenticity'],
    security: member,
    parameters: [
      { name: 'gtin', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{14}$' } },
      { name: 'region', in: 'query', required: false, schema: { type: 'string', pattern: '^[A-Z]{2}$' } },
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000 } },
    ],
    responses: {
      '200': jsonResponse("Of the caller's own brand organisation only"),
      '400': errors['400'],
      '401': errors['401'],
      '403': errors['403'],
      '503': errors['503'],
    },
  },
});

export const authenticityPaths = {
  '/t': {
    get: {
      summary: 'A consumer taps an NTAG 424 DNA tag: verdict genuine or could not verify',
      description:
        'The URL the tag mirrors (AN12196 SUN message, upper-case hex). Optional `lat`, `lon`, `country` from the phone help detect impossible travel. HTML page with a report button by default; JSON with `Accept: application/json`.',
      tags: ['authenticity'],
      parameters: [
        {
          name: 'picc_data',
          in: 'query',
          required: true,
          schema: { type: 'string', pattern: '^[0-9A-F]{32}$' },
        },
        {
          name: 'enc',
          in: 'query',
          required: false,
          schema: { type: 'string', pattern: '^([0-9A-F]{32})+$' },
        },
        { name: 'cmac', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9A-F]{16}$' } },
      ],
      responses: {
        '200': {
          description: 'Genuine: the item and its journey URL',
          content: { 'text/html': {}, 'application/json': {} },
        },
        '422': notVerified,
        '429': errors['429'],
        '503': errors['503'],
      },
    },
  },
  '/t/report': {
    post: {
      summary: 'A consumer reports a product to its brand (private to the brand)',
      tags: ['authenticity'],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': { schema: { type: 'object' } },
          'application/json': { schema: { type: 'object' } },
        },
      },
      responses: {
        '200': { description: 'Reported', content: { 'text/html': {}, 'application/json': {} } },
        '400': errors['400'],
        '404': errors['404'],
        '422': notVerified,
        '429': errors['429'],
        '503': errors['503'],
      },
    },
  },
  '/scans/nfc': {
    post: {
      summary:
        'A member taps a tag at a stage: verified, judged by the ledger, recorded as a passage record (idempotency key from UID and counter)',
      tags: ['scans'],
      security: member,
      requestBody: body,
      responses: {
        '200': jsonResponse('Retried tap: the first result'),
        '201': jsonResponse('Committed'),
        '202': jsonResponse('Accepted into the durable outbox; poll the Location'),
        '400': errors['400'],
        '401': errors['401'],
        '403': errors['403'],
        '413': errors['413'],
        '422': notVerified,
      },
    },
  },
  '/tags': memberPost(
    'A brand commissions a tag: NFC UID and/or RFID EPC (+TID) bound to GTIN + serial by an EPCIS AssociationEvent',
    { '201': jsonResponse('Commissioned') },
  ),
  '/tags/status': memberPost(
    'The brand owner moves a tag through its life (active, sold, decommissioned, revoked, suspect)',
    { '200': jsonResponse('The tag') },
  ),
  '/authenticity/rfid': memberPost(
    "RFID clone checks for a portal's reads: two places at once, impossible travel, read after sale, TID mismatch",
    { '200': jsonResponse('Reads checked and flagged (reasons go to the brand)') },
  ),
  '/authenticity/alerts': inbox("The brand's alerts with counts per product and region"),
  '/authenticity/reports': inbox("Consumers' counterfeit reports"),
};
