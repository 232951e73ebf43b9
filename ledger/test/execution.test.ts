import { EndorsementError } from '../src/errors';
import { BRAND, FARMER, suiteLedger, text } from './ledgerHarness';

describe('embedded ledger execution', () => {
  const ledger = suiteLedger();

  it('commits a transaction and reads it back by plain or contract-qualified name', async () => {
    const r = await ledger.submit({ user: FARMER, fn: 'put', args: ['lot-1', 'harvested'] });
    expect(r.blockNumber).toBeGreaterThanOrEqual(1n);
    expect(r.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['lot-1'] }))).toBe('harvested');
    expect(text(await ledger.evaluate({ user: BRAND, fn: 'FixtureContract:get', args: ['lot-1'] }))).toBe(
      'harvested',
    );
  });

  it('does not let a transaction read its own writes', async () => {
    await ledger.submit({ user: FARMER, fn: 'put', args: ['ryow', 'committed'] });
    const r = await ledger.submit({ user: FARMER, fn: 'writeThenRead', args: ['ryow', 'pending'] });
    expect(JSON.parse(text(r.result))).toEqual({ seen: 'committed' });
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['ryow'] }))).toBe('pending');
  });

  it('refuses methods that are not declared transactions, through unknownTransaction', async () => {
    await expect(ledger.submit({ user: FARMER, fn: 'helper', args: [] })).rejects.toThrow(
      "You've asked to invoke a function that does not exist: helper",
    );
    await expect(ledger.submit({ user: FARMER, fn: 'NoSuchContract:put', args: ['a', 'b'] })).rejects.toThrow(
      'Contract name is not known: NoSuchContract',
    );
  });

  it('runs beforeTransaction before and afterTransaction after the function, with its result', async () => {
    await expect(ledger.submit({ user: FARMER, fn: 'put', args: ['forbidden', 'x'] })).rejects.toMatchObject({
      chaincodeCode: 'BEFORE_REFUSED',
    });
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'range', args: ['forbid', 'forbie'] }))).toBe('[]');
    await ledger.submit({ user: FARMER, fn: 'increment', args: ['hooked'] });
    await ledger.submit({ user: FARMER, fn: 'FixtureContract:increment', args: ['hooked'] });
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['after-increment'] }))).toBe('2');
  });

  it('checks the argument count like fabric-shim', async () => {
    await expect(ledger.submit({ user: FARMER, fn: 'put', args: ['only-one'] })).rejects.toThrow(
      'Expected 2 parameters, but 1 have been supplied',
    );
  });

  it('turns a chaincode error into EndorsementError and writes nothing', async () => {
    const failed = ledger.submit({ user: FARMER, fn: 'fail', args: ['LOT_NOT_FOUND: lot-9'] });
    await expect(failed).rejects.toBeInstanceOf(EndorsementError);
    await expect(failed).rejects.toMatchObject({
      code: 'ENDORSEMENT_FAILED',
      chaincodeCode: 'LOT_NOT_FOUND',
      chaincodeMessage: 'LOT_NOT_FOUND: lot-9',
    });
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['never'] }))).toBe('');
  });

  it('gives the contract fabric-shim ClientIdentity with the certificate role and the proposal time', async () => {
    const before = Math.floor(Date.now() / 1000);
    const me = JSON.parse(text(await ledger.evaluate({ user: BRAND, fn: 'whoami', args: [] })));
    expect(me).toMatchObject({ mspId: 'BrandsMSP', role: 'brand' });
    expect(me.id).toBe('x509::/CN=brand/OU=client/O=BrandsMSP::/CN=ca.BrandsMSP/O=BrandsMSP');
    expect(me.ts).toBeGreaterThanOrEqual(before);
    expect(Date.parse(me.txTime)).toBeGreaterThanOrEqual(before * 1000);
  });

  it('never orders or commits what evaluate simulates', async () => {
    const height = ledger.height;
    await ledger.evaluate({ user: FARMER, fn: 'put', args: ['evaluated', 'x'] });
    expect(ledger.height).toBe(height);
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['evaluated'] }))).toBe('');
  });

  it('lists the demo wallet', async () => {
    expect(await ledger.identities()).toEqual([
      'BrandsMSP/brand',
      'BrandsMSP/regulator',
      'LogisticsMSP/carrier',
      'LogisticsMSP/customs',
      'LogisticsMSP/retailer',
      'ProducersMSP/farmer',
      'ProducersMSP/processor',
      'ProducersMSP/roaster',
    ]);
  });
});
