/** Shared OpenAPI components: the problem shape, security, parameters. */

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export const jsonResponse = (description: string, schema: Record<string, unknown> = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});

export const errors = {
  '400': problemResponse('Invalid input; nothing was changed'),
  '401': problemResponse('Missing or unknown member API key'),
  '403': problemResponse('The member role may not do this'),
  '404': problemResponse('Not found'),
  '409': problemResponse('Already exists, or a concurrent update'),
  '413': problemResponse('Body too large'),
  '429': problemResponse('Rate limited'),
  '503': problemResponse('Ledger unavailable'),
};

export const member = [{ apiKey: [] }];

export const pathParam = (name: string, description: string, pattern?: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', ...(pattern ? { pattern } : {}) },
});

export const components = {
  securitySchemes: {
    apiKey: {
      type: 'http',
      scheme: 'bearer',
      description: 'Member API key, mapped to one enrolled ledger identity',
    },
  },
  schemas: {
    Problem: {
      type: 'object',
      description: 'RFC 7807 problem details',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        code: { type: 'string', description: 'Stable machine-readable code such as GTIN_CHECK_DIGIT' },
        field: { type: 'string', description: 'The input field the problem concerns' },
      },
    },
    ScanStatus: {
      type: 'object',
      required: ['scanId', 'state', 'acceptedAt'],
      properties: {
        scanId: { type: 'string' },
        state: { type: 'string', enum: ['pending', 'committed', 'failed'] },
        acceptedAt: { type: 'string', format: 'date-time' },
        txId: { type: 'string' },
        blockNumber: { type: 'string' },
        receipt: { type: 'object' },
        problem: { $ref: '#/components/schemas/Problem' },
      },
    },
    StageContext: {
      type: 'object',
      required: ['bizStep', 'location'],
      properties: {
        bizStep: {
          type: 'string',
          description: 'CBV 2.0 bizStep or urn:trace:bizstep:{harvesting|drying|…}',
        },
        location: { type: 'string', description: 'GLN (13 digits), SGLN URN or Digital Link /414/…' },
        bizLocation: { type: 'string' },
        disposition: { type: 'string' },
        device: { type: 'string' },
        eventTime: { type: 'string', format: 'date-time' },
        temperature: {
          type: 'object',
          properties: {
            value: { type: 'number' },
            uom: { type: 'string', enum: ['CEL', 'FAR'] },
            min: { type: 'number' },
            max: { type: 'number' },
          },
        },
        visibility: { type: 'string', enum: ['public', 'members'] },
        commercial: {
          type: 'object',
          description: 'Private: stored in the member organisation collection only',
        },
        idempotencyKey: { type: 'string' },
      },
    },
  },
};
