import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificateAuthority, issueIdentity, Wallet } from '../src/msp';
import { LedgerError } from '../src/errors';
import { signProposal } from '../src/embedded/signedProposal';
import type { EmbeddedLedger } from '../src/embedded';
import { FARMER, openLedger, tempDir, text } from './ledgerHarness';

describe('embedded ledger identities', () => {
  const { dir, cleanup } = tempDir();
  let ledger: EmbeddedLedger;
  beforeAll(async () => {
    ledger = await openLedger(dir);
  });
  afterAll(async () => {
    await ledger.close();
    cleanup();
  });

  it('refuses a user that is not in the wallet', async () => {
    const refused = ledger.submit({ user: 'ProducersMSP/mallory', fn: 'put', args: ['k', 'v'] });
    await expect(refused).rejects.toBeInstanceOf(LedgerError);
    await expect(refused).rejects.toMatchObject({ code: 'UNKNOWN_IDENTITY' });
  });

  it('refuses a proposal whose signature does not verify', async () => {
    const signed = ledger.sign({ user: FARMER, fn: 'put', args: ['k', 'v'] });
    const forged = { ...signed, args: ['k', 'forged'] };
    await expect(ledger.submitSigned(forged)).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
    const garbled = { ...signed, signature: Buffer.from(signed.signature).fill(7, 10, 20) };
    await expect(ledger.submitSigned(garbled)).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['k'] }))).toBe('');
  });

  it('refuses a replayed signed proposal, sequentially or concurrently, as a duplicate transaction ID', async () => {
    const signed = ledger.sign({ user: FARMER, fn: 'increment', args: ['replayed'] });
    await ledger.submitSigned(signed);
    await expect(ledger.submitSigned(signed)).rejects.toMatchObject({ chaincodeCode: 'DUPLICATE_TXID' });
    const twin = ledger.sign({ user: FARMER, fn: 'put', args: ['twin', 'x'] });
    const outcomes = await Promise.allSettled([ledger.submitSigned(twin), ledger.submitSigned(twin)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['replayed'] }))).toBe('1');
  });

  it('refuses a certificate from a CA that is not one of the organisations, even claiming their MSP ID', async () => {
    const rogueCa = await createCertificateAuthority('ProducersMSP');
    const rogue = await issueIdentity(rogueCa, { mspId: 'ProducersMSP', name: 'farmer', role: 'producer' });
    const wallet = new Wallet([rogue]);
    const signed = ledger.sign({ user: FARMER, fn: 'put', args: ['k', 'v'] });
    const identity = wallet.get('ProducersMSP/farmer');
    const proposal = signProposal(identity, {
      channelId: signed.channelId,
      chaincodeName: signed.chaincodeName,
      fn: 'put',
      args: ['k', 'v'],
    });
    await expect(ledger.submitSigned(proposal)).rejects.toMatchObject({ code: 'UNKNOWN_IDENTITY' });
  });

  it('issues certificates whose role fabric-shim ClientIdentity reads, from any org CA', async () => {
    const ca = await createCertificateAuthority('ExtraMSP');
    const id = await issueIdentity(ca, { mspId: 'ExtraMSP', name: 'inspector', role: 'regulator' });
    expect(id.label).toBe('ExtraMSP/inspector');
    const { ClientIdentity } = await import('fabric-shim');
    const stubLike = {
      getCreator: () => ({ mspid: id.mspId, idBytes: Buffer.from(id.certPem) }),
      getTxID: () => 't',
      getChannelID: () => 'c',
    };
    const ci = new ClientIdentity(stubLike as never);
    expect(ci.getAttributeValue('trace.role')).toBe('regulator');
    expect(ci.getID()).toBe('x509::/CN=inspector/OU=client/O=ExtraMSP::/CN=ca.ExtraMSP/O=ExtraMSP');
  });

  it('stores private keys readable by the owner only', () => {
    expect(statSync(join(dir, 'msp', 'ProducersMSP', 'users', 'farmer', 'key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'msp', 'BrandsMSP', 'ca', 'key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'msp')).mode & 0o777).toBe(0o700);
  });
});
