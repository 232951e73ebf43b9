/** Tap judgement as a pure function: the rules that need a clock the ledger tests cannot wind on. */
import type { Tag, TapState } from './tagModel';
import { COUNTER_JUMP_LIMIT, judgeTap, SOLD_LONG_AGO_DAYS } from './tapJudgement';
import { distanceKm, impossibleTravel } from './travel';

const NOW = Date.parse('2027-06-01T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const DAY = 86_400_000;
const tag = (over: Partial<Tag> = {}): Tag => ({
  tagId: 'urn:trace:tag:nfc:04A1B2C3D4E580',
  item: 'https://id.gs1.org/01/09506000134390/21/A',
  gtin: '09506000134390',
  serial: 'A',
  nfcUid: '04A1B2C3D4E580',
  owner: 'BrandsMSP',
  status: 'active',
  statusSince: iso(NOW - 100 * DAY),
  associationEventID: 'ni:x',
  provenance: { mspId: 'BrandsMSP', role: 'brand', txId: 't', recordedAt: iso(NOW - 100 * DAY) },
  ...over,
});
const state = (over: Partial<TapState> = {}): TapState => ({ counter: 10, taps: 3, ...over });
const judge = (
  t: Tag | undefined,
  s: TapState | undefined,
  counter: number,
  extra: { place?: { lat: number; lon: number }; supplyChain?: boolean } = {},
) => judgeTap({ tag: t, state: s, counter, atMs: NOW, ...extra }, iso(NOW));

describe('tap judgement', () => {
  it('takes the next counter as genuine and remembers it', () => {
    expect(judge(tag(), state(), 11)).toEqual({
      genuine: true,
      reasons: [],
      next: { counter: 11, lastTapAt: iso(NOW), taps: 4 },
    });
  });

  it('never moves the counter for a replay', () => {
    expect(judge(tag(), state(), 10)).toMatchObject({
      genuine: false,
      reasons: ['replayed'],
      next: undefined,
    });
  });

  it('accepts a gap up to the jump limit and flags one beyond it, remembering where the jump started', () => {
    expect(judge(tag(), state(), 10 + COUNTER_JUMP_LIMIT).genuine).toBe(true);
    const jumped = judge(tag(), state(), 11 + COUNTER_JUMP_LIMIT);
    expect(jumped).toMatchObject({
      genuine: false,
      reasons: ['counter_jump'],
      next: { counter: 11 + COUNTER_JUMP_LIMIT, jumpedFrom: 10 },
    });
    expect(judge(tag(), jumped.next, 12).reasons).toEqual(['replayed', 'harvested_url']);
    expect(judge(tag(), jumped.next, 9).reasons).toEqual(['replayed']);
  });

  it('lets an owner tap a recently sold item and flags one sold long ago', () => {
    expect(judge(tag({ status: 'sold', soldAt: iso(NOW - 30 * DAY) }), state(), 11).genuine).toBe(true);
    expect(
      judge(tag({ status: 'sold', soldAt: iso(NOW - (SOLD_LONG_AGO_DAYS + 1) * DAY) }), state(), 11).reasons,
    ).toEqual(['sold_long_ago']);
  });

  it('flags any supply-chain scan of a sold item', () => {
    expect(
      judge(tag({ status: 'sold', soldAt: iso(NOW - DAY) }), state(), 11, { supplyChain: true }).reasons,
    ).toEqual(['read_after_sale']);
  });

  it('flags impossible travel and asks for the suspect status, but not a short hop', () => {
    const milan = { lat: 45.46, lon: 9.19 };
    const last = state({ lastTapAt: iso(NOW - 3_600_000), lastPlace: milan });
    expect(judge(tag(), last, 11, { place: { lat: 45.07, lon: 7.69 } }).genuine).toBe(true); // Turin, 126 km in 1 h
    expect(judge(tag(), last, 11, { place: { lat: 40.71, lon: -74.0 } })).toMatchObject({
      genuine: false,
      reasons: ['impossible_travel'],
      status: 'suspect',
    });
  });

  it('says unknown_tag when no tag is bound to the UID', () => {
    expect(judge(undefined, undefined, 1)).toEqual({
      genuine: false,
      reasons: ['unknown_tag'],
      next: undefined,
    });
  });
});

describe('travel', () => {
  it('measures Paris to New York as about 5,837 km', () => {
    expect(distanceKm({ lat: 48.8566, lon: 2.3522 }, { lat: 40.7128, lon: -74.006 })).toBeCloseTo(5837, -1);
  });

  it('allows a flight with its flight time and refuses it in half', () => {
    const paris = { lat: 48.8566, lon: 2.3522 };
    const ny = { lat: 40.7128, lon: -74.006 };
    expect(impossibleTravel(paris, 0, ny, 8 * 3_600_000)).toBe(false);
    expect(impossibleTravel(paris, 0, ny, 4 * 3_600_000)).toBe(true);
  });
});
