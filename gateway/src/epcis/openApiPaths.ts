/** OpenAPI paths of the EPCIS 2.0 REST binding (epcisRoutes.ts); failures are EPCIS exceptions as problem+json. */
import { errors, member, pathParam, problemResponse } from '../openapi/components';

const EPCIS_DOC = {
  'application/ld+json': {
    schema: { type: 'object', description: 'GS1 EPCIS 2.0 JSON-LD (EPCIS-JSON-Schema.json)' },
  },
};
const tags = ['epcis'];
const versionRefused = problemResponse(
  'Another EPCIS version was asked for (GS1-EPCIS-Version, GS1-EPCIS-Min/Max)',
);
const mediaType = problemResponse('Not application/json or application/ld+json');
const q = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string' },
});

export const epcisPaths = {
  '/epcis/capture': {
    post: {
      summary: 'Capture an EPCISDocument as a job (rollback: one ledger transaction; proceed: one per event)',
      tags,
      security: member,
      parameters: [
        {
          name: 'GS1-Capture-Error-Behaviour',
          in: 'header',
          required: false,
          schema: { type: 'string', enum: ['rollback', 'proceed'] },
        },
      ],
      requestBody: {
        required: true,
        content: { ...EPCIS_DOC, 'application/json': EPCIS_DOC['application/ld+json'] },
      },
      responses: {
        '202': { description: 'Accepted; Location names the capture job' },
        '400': errors['400'],
        '401': errors['401'],
        '406': versionRefused,
        '413': problemResponse(
          'More events than one capture takes (GS1-EPCIS-Capture-Limit) or body too large',
        ),
        '415': mediaType,
      },
    },
  },
  '/epcis/capture/{captureID}': {
    get: {
      summary: 'A capture job: running, success, errors, and the eventIDs recorded',
      tags,
      security: member,
      parameters: [pathParam('captureID', 'Capture job ID')],
      responses: {
        '200': { description: 'The job', content: { 'application/json': { schema: { type: 'object' } } } },
        '401': errors['401'],
        '404': errors['404'],
        '406': versionRefused,
      },
    },
  },
  '/epcis/events': {
    get: {
      summary: 'SimpleEventQuery: events as an EPCISQueryDocument; Link rel="next" for the next page',
      tags,
      security: member,
      parameters: [
        q('eventType', 'ObjectEvent, AggregationEvent, …'),
        q('EQ_action', 'ADD, OBSERVE, DELETE'),
        q('EQ_bizStep', 'CBV word or URI; several separated by |'),
        q('EQ_disposition', 'CBV word or URI'),
        q('EQ_readPoint', 'GLN Digital Link or SGLN URN'),
        q('EQ_bizLocation', 'GLN Digital Link or SGLN URN'),
        q('MATCH_epc', 'epcList and childEPCs'),
        q('MATCH_anyEPC', 'any EPC of the event, parent and inputs/outputs included'),
        q('MATCH_epcClass', 'quantityList and childQuantityList classes'),
        q('MATCH_anyEPCClass', 'every quantity list'),
        q('GE_eventTime', 'ISO 8601 with zone'),
        q('LT_eventTime', 'ISO 8601 with zone'),
        q('GE_recordTime', 'ISO 8601 with zone'),
        q('LT_recordTime', 'ISO 8601 with zone'),
        {
          name: 'perPage',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 1000 },
        },
        q('nextPageToken', 'From the previous page'),
      ],
      responses: {
        '200': { description: 'EPCISQueryDocument', content: EPCIS_DOC },
        '400': errors['400'],
        '401': errors['401'],
        '406': versionRefused,
      },
    },
    post: {
      summary: 'Capture one event (201, Location of the event; 409 when its eventID exists)',
      tags,
      security: member,
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: { type: 'object' } },
          'application/ld+json': { schema: { type: 'object' } },
        },
      },
      responses: {
        '201': { description: 'Recorded' },
        '400': errors['400'],
        '401': errors['401'],
        '403': errors['403'],
        '406': versionRefused,
        '409': errors['409'],
        '415': mediaType,
        '503': errors['503'],
      },
    },
  },
  '/epcis/events/{eventID}': {
    get: {
      summary: 'One event by eventID (percent-encoded), as an EPCISQueryDocument',
      tags,
      security: member,
      parameters: [pathParam('eventID', 'eventID, e.g. ni:///sha-256;…?ver=CBV2.0, percent-encoded')],
      responses: {
        '200': { description: 'EPCISQueryDocument', content: EPCIS_DOC },
        '401': errors['401'],
        '404': errors['404'],
        '406': versionRefused,
      },
    },
  },
};
