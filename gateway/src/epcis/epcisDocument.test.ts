import { eventHashId } from '../../../chaincode/src/api';
import { EPCIS_CONTEXT, prepareEvent, queryDocument } from './epcisDocument';
import { validateEpcisDocument } from './schema';

const context = [EPCIS_CONTEXT, { example: 'http://ns.example.com/epcis/' }];
const event = {
  type: 'ObjectEvent',
  action: 'OBSERVE',
  eventTime: '2026-01-01T00:00:00Z',
  eventTimeZoneOffset: '+00:00',
  epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
  'example:myField': 'x',
  recordTime: '2026-01-02T00:00:00Z',
};

describe('EPCIS documents in and out', () => {
  it('carries the document extension context onto the event, so its hash resolves example:myField', () => {
    const prepared = prepareEvent(event, context);
    expect(prepared.event['@context']).toEqual([{ example: 'http://ns.example.com/epcis/' }]);
    expect(prepared.eventID).toBe(eventHashId(event, context));
    expect(prepared.event.recordTime).toBeUndefined();
  });

  it('replaces a wrong ni:/// eventID by the true hash and says so; keeps other eventID URIs', () => {
    const wrong = `ni:///sha-256;${'0'.repeat(64)}?ver=CBV2.0`;
    expect(prepareEvent({ ...event, eventID: wrong }, context).replaced).toEqual({
      given: wrong,
      stored: eventHashId(event, context),
    });
    const uuid = 'urn:uuid:6f4f1b4c-0a3e-4b53-9b57-0d7c5d2f1e10';
    expect(prepareEvent({ ...event, eventID: uuid }, context)).toMatchObject({ eventID: uuid });
  });

  it('answers with a schema-valid EPCISQueryDocument whose context gathers the events’ own', () => {
    const doc = queryDocument([prepareEvent(event, context).event]);
    expect(validateEpcisDocument(doc)).toEqual({ valid: true });
    expect(doc['@context']).toEqual(context);
  });
});
