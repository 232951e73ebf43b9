/**
 * The EPCIS read model against a real embedded ledger: it follows committed chaincode events, resumes from its
 * checkpoint after a restart without duplicating anything, rebuilds itself from block 0 when its store is
 * deleted, and shows ledger error declarations on the events they declare.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type ScanReceipt, Tx } from '../../chaincode/src/api';
import { EpcisReadModel } from '../../gateway/src/epcis';
import type { EventQuery } from '../../gateway/src/epcis/readModel/queryPlan';
import { GLN, GTIN, batch, glnUri, lotUri, observe } from '../helpers/epcisBuilders';
import { openTempLedger, Users, type TempLedger } from '../helpers/tempLedger';

let t: TempLedger;
const lot = lotUri(GTIN.green, 'RM-1');
const byLot: EventQuery = { filters: [{ param: 'anyEPCClass', values: [lot] }] };
const dir = () => path.join(t.dir, 'epcis-read-model');

async function record(day: number, bizStep = 'receiving'): Promise<{ id: string; block: bigint }> {
  const event = observe(
    { quantityList: [{ epcClass: lot }] },
    bizStep,
    GLN.station,
    `2026-01-${String(day).padStart(2, '0')}T08:00:00Z`,
  );
  const submitted = await t.calls.submit<ScanReceipt>(Users.carrier, Tx.RecordEvents, [batch([event])]);
  return { id: submitted.value.eventIDs[0]!, block: submitted.blockNumber };
}

async function ids(model: EpcisReadModel, query: EventQuery = byLot): Promise<unknown[]> {
  return (await model.store.query(query, 1000)).events.map((e) => e.eventID);
}

beforeAll(async () => {
  t = await openTempLedger('trace-epcis-rm-');
});
afterAll(async () => t.close());

describe('EPCIS read model', () => {
  it('applies committed events, resumes from its checkpoint, and rebuilds from the ledger when deleted', async () => {
    const first = await record(1);
    const second = await record(2, 'shipping');
    let model = await EpcisReadModel.open(dir(), t.ledger);
    expect(await model.caughtUp(second.block)).toBe(true);
    expect(await ids(model)).toEqual([first.id, second.id]);
    expect(
      await ids(model, {
        filters: [{ param: 'bizStep', values: ['https://ref.gs1.org/cbv/BizStep-shipping'] }],
      }),
    ).toEqual([second.id]);
    await model.close();

    // Restart: resumes at its checkpoint block; what was applied is not applied twice.
    const third = await record(3);
    model = await EpcisReadModel.open(dir(), t.ledger);
    expect(model.store.checkpoint!.block).toBeGreaterThanOrEqual(second.block);
    expect(await model.caughtUp(third.block)).toBe(true);
    expect(await ids(model)).toEqual([first.id, second.id, third.id]);
    await model.close();

    // Lost store: rebuilt from block 0 of the ledger's event stream.
    await rm(dir(), { recursive: true, force: true });
    model = await EpcisReadModel.open(dir(), t.ledger);
    expect(model.store.checkpoint).toBeUndefined();
    expect(await model.caughtUp(third.block)).toBe(true);
    expect(await ids(model)).toEqual([first.id, second.id, third.id]);
    expect(
      await ids(model, {
        filters: [{ param: 'readPoint', values: [glnUri(GLN.station)] }],
        eventTime: { ge: '2026-01-02T00:00:00.000Z' },
      }),
    ).toEqual([second.id, third.id]);
    await model.close();
  });

  it('shows a ledger error declaration on the event it declares', async () => {
    const model = await EpcisReadModel.open(dir(), t.ledger);
    const wrong = await record(9);
    const declared = await t.calls.submit(Users.carrier, Tx.DeclareError, [
      JSON.stringify({ eventID: wrong.id, reason: 'did_not_occur', declarationTime: '2026-01-10T00:00:00Z' }),
    ]);
    expect(await model.caughtUp(declared.blockNumber)).toBe(true);
    expect((await model.store.get(wrong.id))!.errorDeclaration).toEqual({
      declarationTime: '2026-01-10T00:00:00Z',
      reason: 'did_not_occur',
    });
    await model.close();
  });
});
