/** OpenAPI paths of the core gateway: resolver, scans, master data, labels. */
import { errors, jsonResponse, member, pathParam } from './components';

const gtin = pathParam('gtin', 'GTIN-8/12/13/14 with check digit', '^\\d{8,14}$');
const lot = pathParam('lot', 'Batch/lot (AI 10), percent-encoded');
const serial = pathParam('serial', 'Serial (AI 21), percent-encoded');
const format = {
  name: 'format',
  in: 'path',
  required: true,
  schema: { type: 'string', enum: ['png', 'svg'] },
};
const linkType = {
  name: 'linkType',
  in: 'query',
  required: false,
  schema: { type: 'string', enum: ['all', 'linkset', 'gs1:pip', 'gs1:traceability', 'gs1:recallStatus'] },
};

const resolve = (summary: string, parameters: unknown[]) => ({
  get: {
    summary,
    description:
      'GS1 Digital Link resolver (any path prefix is accepted before /01/). HTML journey page by default; `Accept: application/json` or `linkType` for data. Public fields only.',
    parameters: [...parameters, linkType],
    responses: {
      '200': {
        description: 'Journey page, public trace JSON, recall status or linkset',
        content: { 'text/html': {}, 'application/json': {}, 'application/linkset+json': {} },
      },
      '400': errors['400'],
      '404': errors['404'],
      '429': errors['429'],
    },
  },
});

const create = (summary: string, tag: string) => ({
  post: {
    summary,
    tags: [tag],
    security: member,
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
    responses: {
      '201': jsonResponse('Committed'),
      '400': errors['400'],
      '401': errors['401'],
      '403': errors['403'],
      '409': errors['409'],
      '503': errors['503'],
    },
  },
});

const scanResponses = {
  '200': jsonResponse('Retried scan: the first result (Idempotent-Replayed: true)', {
    $ref: '#/components/schemas/ScanStatus',
  }),
  '201': jsonResponse('Committed', { $ref: '#/components/schemas/ScanStatus' }),
  '202': jsonResponse('Accepted into the durable outbox; poll the Location', {
    $ref: '#/components/schemas/ScanStatus',
  }),
  '400': errors['400'],
  '401': errors['401'],
  '403': errors['403'],
  '413': errors['413'],
};

export const corePaths = {
  '/healthz': { get: { summary: 'Liveness and outbox backlog', responses: { '200': jsonResponse('OK') } } },
  '/openapi.json': {
    get: { summary: 'This description', responses: { '200': jsonResponse('OpenAPI 3.1 document') } },
  },
  '/01/{gtin}': resolve('A product', [gtin]),
  '/01/{gtin}/10/{lot}': resolve('A lot: its journey', [gtin, lot]),
  '/01/{gtin}/21/{serial}': resolve('A serialised item: its journey', [gtin, serial]),
  '/trace': {
    get: {
      summary: 'Public trace by any identifier (EPC URN or Digital Link)',
      parameters: [{ name: 'id', in: 'query', required: true, schema: { type: 'string' } }],
      responses: {
        '200': jsonResponse('Public trace'),
        '400': errors['400'],
        '404': errors['404'],
        '429': errors['429'],
      },
    },
  },
  '/scans/qr': {
    post: {
      summary: 'A QR (GS1 Digital Link) scan at a stage → a passage record',
      tags: ['scans'],
      security: member,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              allOf: [
                { $ref: '#/components/schemas/StageContext' },
                {
                  type: 'object',
                  required: ['digitalLink'],
                  properties: { digitalLink: { type: 'string' } },
                },
              ],
            },
          },
        },
      },
      responses: scanResponses,
    },
  },
  '/scans/rfid': {
    post: {
      summary:
        'An RFID reader batch (JSON or protobuf ReaderBatch frame, gateway/proto/scan.proto) → one transaction',
      tags: ['scans'],
      security: member,
      parameters: [
        {
          name: 'bizStep',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'For protobuf frames',
        },
        { name: 'disposition', in: 'query', required: false, schema: { type: 'string' } },
        {
          name: 'visibility',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['public', 'members'] },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: { type: 'object' } },
          'application/x-protobuf': { schema: { type: 'string', format: 'binary' } },
        },
      },
      responses: { ...scanResponses, '415': errors['400'] },
    },
  },
  '/scans/{scanId}': {
    get: {
      summary: 'Status of a scan (own scans only)',
      tags: ['scans'],
      security: member,
      parameters: [pathParam('scanId', 'The scan id (idempotency key)')],
      responses: {
        '200': jsonResponse('Scan status', { $ref: '#/components/schemas/ScanStatus' }),
        '401': errors['401'],
        '404': errors['404'],
      },
    },
  },
  '/products': create('Register a product (GTIN)', 'master data'),
  '/lots': create('Register a lot with origin and plots', 'master data'),
  '/locations': create('Register a location (GLN)', 'master data'),
  '/recalls': create('Recall a lot (brand owner or regulator)', 'recall'),
  '/error-declarations': create('Declare an event erroneous (EPCIS error declaration)', 'corrections'),
  '/events': create('Record a batch of EPCIS events in one transaction', 'events'),
  '/members/trace': {
    get: {
      summary: 'Full trace (all fields members may see)',
      security: member,
      parameters: [{ name: 'id', in: 'query', required: true, schema: { type: 'string' } }],
      responses: { '200': jsonResponse('Trace view'), '400': errors['400'], '401': errors['401'] },
    },
  },
  '/members/events/{eventId}/commercial': {
    get: {
      summary: "Commercial details of an event from the caller's organisation collection",
      security: member,
      parameters: [pathParam('eventId', 'Event hash ID')],
      responses: { '200': jsonResponse('Commercial details'), '401': errors['401'], '404': errors['404'] },
    },
  },
  '/labels/01/{gtin}/10/{lot}.{format}': {
    get: {
      summary: 'QR label of a lot',
      security: member,
      parameters: [gtin, lot, format],
      responses: {
        '200': { description: 'PNG or SVG', content: { 'image/png': {}, 'image/svg+xml': {} } },
        '400': errors['400'],
        '401': errors['401'],
      },
    },
  },
  '/labels/01/{gtin}/21/{serial}.{format}': {
    get: {
      summary: 'QR label of a serialised item',
      security: member,
      parameters: [gtin, serial, format],
      responses: {
        '200': { description: 'PNG or SVG', content: { 'image/png': {}, 'image/svg+xml': {} } },
        '400': errors['400'],
        '401': errors['401'],
      },
    },
  },
  '/labels/sheet': {
    get: {
      summary: 'Printable sheet of QR labels',
      security: member,
      parameters: [
        { name: 'gtin', in: 'query', required: true, schema: { type: 'string' } },
        {
          name: 'serials',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'Comma-separated, at most 500',
        },
        { name: 'lot', in: 'query', required: false, schema: { type: 'string' } },
      ],
      responses: {
        '200': { description: 'HTML (A4)', content: { 'text/html': {} } },
        '400': errors['400'],
        '401': errors['401'],
      },
    },
  },
};
