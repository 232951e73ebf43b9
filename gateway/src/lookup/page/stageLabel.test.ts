import { formatLocalTime, localTime } from './localTime';
import { stageLabel, stepTerm } from './stageLabel';

describe('stage labels', () => {
  it.each([
    ['receiving', 'Received'],
    ['https://ref.gs1.org/cbv/BizStep-receiving', 'Received'],
    ['urn:epcglobal:cbv:bizstep:shipping', 'Shipped'],
    ['urn:trace:bizstep:roasting', 'Roasted'],
    ['urn:trace:bizstep:harvesting', 'Harvested'],
    ['cbv:BizStep-retail_selling', 'Sold'],
  ])('%s reads "%s"', (bizStep, label) => {
    expect(stageLabel({ type: 'ObjectEvent', action: 'OBSERVE', bizStep })).toBe(label);
  });

  it('says "Recalled" for a recalled disposition whatever the step', () => {
    expect(
      stageLabel({
        type: 'ObjectEvent',
        bizStep: 'holding',
        disposition: 'https://ref.gs1.org/cbv/Disp-recalled',
      }),
    ).toBe('Recalled');
  });

  it('falls back to the event type for unknown or missing steps', () => {
    expect(stageLabel({ type: 'TransformationEvent', bizStep: 'urn:acme:step:frobbing' })).toBe(
      'Transformed',
    );
    expect(stageLabel({ type: 'AggregationEvent', action: 'DELETE' })).toBe('Unpacked');
    expect(stageLabel({ type: 'ObjectEvent', action: 'ADD' })).toBe('Registered');
    expect(stepTerm('urn:trace:bizstep:teleporting')).toBeUndefined();
  });
});

describe('local times', () => {
  it('shows the instant on the recorder clock, across a date line', () => {
    expect(localTime('2026-03-01T03:30:00.000Z', '-05:00')).toBe('2026-02-28T22:30:00-05:00');
    expect(localTime('2026-03-01T23:30:00Z', '+05:45')).toBe('2026-03-02T05:15:00+05:45');
    expect(localTime('2026-03-01T10:00:00+02:00', '+00:00')).toBe('2026-03-01T08:00:00+00:00');
  });

  it('formats for people without depending on the server locale', () => {
    expect(formatLocalTime('2026-02-28T22:30:00-05:00')).toBe('28 Feb 2026, 22:30 (UTC−05:00)');
    expect(formatLocalTime('2026-03-01T08:00:00+00:00')).toBe('1 Mar 2026, 08:00 (UTC)');
  });
});
