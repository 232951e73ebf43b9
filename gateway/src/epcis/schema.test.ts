import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblems, validateEpcisDocument, validateEpcisEvent, type SchemaResult } from './schema';

const FIXTURES = join(__dirname, '../../../test/fixtures');
const EXAMPLES = join(FIXTURES, 'epcis/examples');

type JsonObject = Record<string, unknown>;
interface EpcisDoc extends JsonObject {
  epcisBody: { eventList: JsonObject[] };
}
const load = (path: string): EpcisDoc => JSON.parse(readFileSync(path, 'utf8')) as EpcisDoc;
const example = (): EpcisDoc => load(join(EXAMPLES, 'Example_9.6.1-ObjectEvent.jsonld'));
const firstEvent = (): JsonObject => example().epcisBody.eventList[0]!;
const problems = (r: SchemaResult) => (r.valid ? [] : r.errors);

describe('EPCIS 2.0 JSON schema validation', () => {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.jsonld'));
  const hashDocs = readdirSync(join(FIXTURES, 'event-hash')).filter((f) => f.endsWith('.jsonld'));

  it('has the official examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
  });

  it.each(examples)('accepts the official example %s', (file) => {
    const result = validateEpcisDocument(load(join(EXAMPLES, file)));
    expect(problems(result)).toEqual([]);
  });

  it.each(hashDocs)('accepts the event hash vector document %s', (file) => {
    expect(problems(validateEpcisDocument(load(join(FIXTURES, 'event-hash', file))))).toEqual([]);
  });

  it.each(examples)('accepts every event of %s on its own', (file) => {
    for (const event of load(join(EXAMPLES, file)).epcisBody.eventList) {
      expect(problems(validateEpcisEvent(event))).toEqual([]);
    }
  });

  it('rejects an event without eventTime, naming the field', () => {
    const doc = example();
    delete doc.epcisBody.eventList[0]!.eventTime;
    const result = validateEpcisDocument(doc);
    expect(result.valid).toBe(false);
    expect(problems(result)).toContainEqual({
      pointer: '/epcisBody/eventList/0/eventTime',
      message: 'is required',
      keyword: 'required',
    });
  });

  it('rejects an unknown action and lists the allowed ones', () => {
    const doc = example();
    doc.epcisBody.eventList[0]!.action = 'UPDATE';
    const result = validateEpcisDocument(doc);
    expect(formatProblems(problems(result))).toContain(
      '/epcisBody/eventList/0/action must be one of: OBSERVE, ADD, DELETE',
    );
  });

  it('rejects a value of the wrong JSON type', () => {
    const doc = example();
    doc.epcisBody.eventList[0]!.epcList = 'urn:epc:id:sgtin:0614141.107346.2017';
    expect(problems(validateEpcisDocument(doc))).toContainEqual(
      expect.objectContaining({ pointer: '/epcisBody/eventList/0/epcList', keyword: 'type' }),
    );
  });

  it('rejects an event type that is not one of the five EPCIS event types', () => {
    const doc = example();
    doc.epcisBody.eventList[0]!.type = 'PassageEvent';
    expect(problems(validateEpcisDocument(doc))).toContainEqual(
      expect.objectContaining({ pointer: '/epcisBody/eventList/0/type', keyword: 'enum' }),
    );
  });

  it('rejects a malformed eventTime', () => {
    const event = firstEvent();
    event.eventTime = '21/11/2026 10:00';
    expect(problems(validateEpcisEvent(event))).toContainEqual(
      expect.objectContaining({ pointer: '/eventTime', keyword: 'format' }),
    );
  });

  it('rejects a single event without a type or that is not an object', () => {
    const event = firstEvent();
    delete event.type;
    expect(problems(validateEpcisEvent(event))).toEqual([
      { pointer: '/type', message: 'is required', keyword: 'required' },
    ]);
    expect(validateEpcisEvent([event]).valid).toBe(false);
  });

  it('rejects a document that is not an EPCIS document', () => {
    expect(validateEpcisDocument({ type: 'EPCISDocument' }).valid).toBe(false);
    expect(validateEpcisDocument('hello').valid).toBe(false);
  });

  it('summarises alternatives the schema offers when none is met', () => {
    const event = firstEvent();
    delete event.epcList;
    const [problem, ...rest] = problems(validateEpcisEvent(event));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ pointer: '', keyword: 'anyOf' });
    expect(problem?.message).toMatch(
      /^must satisfy one of: \/epcList is required \| \/quantityList is required/,
    );
  });

  it('rejects ILMD on an OBSERVE event (ILMD is for ADD only)', () => {
    const event = firstEvent();
    event.ilmd = { 'cbvmda:lotNumber': 'LOT-1' };
    expect(event.action).toBe('OBSERVE');
    expect(formatProblems(problems(validateEpcisEvent(event)))).toContain('/ilmd is not allowed here');
  });
});
