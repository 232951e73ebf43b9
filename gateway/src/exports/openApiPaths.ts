/** OpenAPI paths of the exports (exportRoutes.ts). */
import { errors, member } from '../openapi/components';

const tags = ['exports'];
const query = (name: string, description: string, pattern?: string) => ({
  name,
  in: 'query',
  required: true,
  description,
  schema: { type: 'string', ...(pattern ? { pattern } : {}) },
});
const lotParam = (name: string) => query(name, 'Lot: GS1 Digital Link /01/{gtin}/10/{lot} or LGTIN URN');
const fails = { '400': errors['400'], '401': errors['401'], '404': errors['404'], '503': errors['503'] };

export const exportPaths = {
  '/exports/lots/epcis': {
    get: {
      summary: "A lot's whole trace (journey and forward) as one EPCIS 2.0 document",
      tags,
      security: member,
      parameters: [lotParam('id')],
      responses: {
        '200': {
          description: 'EPCISDocument',
          content: { 'application/ld+json': { schema: { type: 'object' } } },
        },
        ...fails,
      },
    },
  },
  '/exports/fsma204': {
    get: {
      summary:
        'FSMA 204 KDEs of every CTE of a traceability lot in a date range (21 CFR 1.1455(c)(3)(ii) sortable spreadsheet)',
      tags,
      security: member,
      parameters: [
        query('tlc', 'Traceability lot code: lot Digital Link or LGTIN URN'),
        query('from', 'First day, YYYY-MM-DD', '^\\d{4}-\\d\\d-\\d\\d$'),
        query('to', 'Last day, YYYY-MM-DD', '^\\d{4}-\\d\\d-\\d\\d$'),
        { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['csv', 'xlsx'] } },
      ],
      responses: {
        '200': {
          description: 'One row per CTE, one column per KDE',
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: { type: 'string', format: 'binary' },
            },
          },
        },
        ...fails,
      },
    },
  },
  '/exports/eudr': {
    get: {
      summary:
        'EUDR geolocation of every plot a lot came from (GeoJSON FeatureCollection with compliance verdict)',
      tags,
      security: member,
      parameters: [lotParam('lot')],
      responses: {
        '200': {
          description: 'GeoJSON (RFC 7946) with foreign members compliant, nonCompliant, warnings',
          content: { 'application/geo+json': { schema: { type: 'object' } } },
        },
        ...fails,
      },
    },
  },
};
