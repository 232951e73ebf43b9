/** Key custody: a demo key file made once with mode 0600, refused when others may read it, never printed. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { FileKeyProvider } from './fileKeyProvider';
import { NfcKeyError } from './nfcKeyError';

describe('file key provider', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trace-keys-'));
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates random demo keys with mode 0600 and loads the same keys again', async () => {
    const file = path.join(dir, 'a', 'nfc-master-keys.json');
    const [first] = await new FileKeyProvider(file).brands();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const [again] = await new FileKeyProvider(file).brands();
    expect(again!.fileReadMasterKey.bytes()).toEqual(first!.fileReadMasterKey.bytes());
    expect(first!.fileReadMasterKey.bytes().equals(first!.metaReadKey.bytes())).toBe(false);
  });

  it('gives every provider of one new file the same keys when they race to create it', async () => {
    const file = path.join(dir, 'race.json');
    const sets = await Promise.all(Array.from({ length: 8 }, () => new FileKeyProvider(file).brands()));
    const masters = new Set(sets.map(([b]) => b!.fileReadMasterKey.bytes().toString('hex')));
    expect(masters.size).toBe(1);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never shows a key in JSON, inspection or string form', async () => {
    const file = path.join(dir, 'b.json');
    const [set] = await new FileKeyProvider(file).brands();
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      brands: { fileReadMasterKey: string; metaReadKey: string }[];
    };
    const secrets = [stored.brands[0]!.fileReadMasterKey, stored.brands[0]!.metaReadKey];
    const shown = [JSON.stringify(set), inspect(set, { depth: 5 }), String(set!.metaReadKey)]
      .join('\n')
      .toUpperCase();
    for (const secret of secrets) expect(shown).not.toContain(secret.toUpperCase());
    expect(shown).toContain('[REDACTED]');
  });

  it('refuses a key file others can read, and a missing one when told not to create', async () => {
    const file = path.join(dir, 'c.json');
    await new FileKeyProvider(file).brands();
    fs.chmodSync(file, 0o644);
    await expect(new FileKeyProvider(file).brands()).rejects.toThrow(/^KEY_FILE_PERMISSIONS: /);
    await expect(
      new FileKeyProvider(path.join(dir, 'none.json'), { createIfMissing: false }).brands(),
    ).rejects.toBeInstanceOf(NfcKeyError);
  });

  it('names the invalid field without echoing its value', async () => {
    const file = path.join(dir, 'd.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        brands: [
          {
            keyId: 'k',
            mspId: 'M',
            signer: 'M/b',
            metaReadKey: 'SECRETSECRET',
            fileReadMasterKey: '00'.repeat(16),
          },
        ],
      }),
      { mode: 0o600 },
    );
    const error = await new FileKeyProvider(file).brands().catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/brands\.0\.metaReadKey is invalid$/);
    expect((error as Error).message).not.toContain('SECRETSECRET');
  });
});
