import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { verifyChain, type EmbeddedLedger } from '../src/embedded';
import { BLOCK_FILE, scanFrames } from '../src/embedded/blockStore';
import { PrivateDataStore } from '../src/embedded/privateDataStore';
import { FARMER, openLedger, tempDir, text } from './ledgerHarness';

const ROOT = join(__dirname, '..', '..');
const REGISTER = join(__dirname, 'support', 'transpileRegister.js');
const blockFile = (dir: string): string => join(dir, 'blocks', BLOCK_FILE);

/** Overwrite one byte of block `n`'s data section. */
function tamperBlock(dir: string, n: number): void {
  const fd = openSync(blockFile(dir), 'r+');
  try {
    const { offsets } = scanFrames(fd);
    const offset = offsets[n]!;
    const next = offsets[n + 1]!;
    const at = offset + Math.floor((next - offset) * 0.75);
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    byte[0] = byte[0] === 0x41 ? 0x42 : 0x41;
    writeSync(fd, byte, 0, 1, at);
  } finally {
    closeSync(fd);
  }
}

async function fillBlocks(ledger: EmbeddedLedger, n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    await ledger.submit({
      user: FARMER,
      fn: 'put',
      args: [`k${i}`, `AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-${i}`],
    });
}

describe('embedded ledger durability', () => {
  it('verifies an intact chain and names the first block whose bytes were edited', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const ledger = await openLedger(dir);
      await fillBlocks(ledger, 6);
      await ledger.close();
      expect(verifyChain(dir)).toEqual({ ok: true, height: 7, transactions: 6 });
      tamperBlock(dir, 5);
      tamperBlock(dir, 3);
      expect(verifyChain(dir)).toMatchObject({ ok: false, tamperedBlock: 3 });
      const cli = spawnSync(
        process.execPath,
        ['-r', REGISTER, join(ROOT, 'ledger/src/cli/verify.ts'), '--data', dir],
        { encoding: 'utf8' },
      );
      expect(cli.status).toBe(1);
      expect(cli.stdout).toMatch(/^TAMPERED block 3: /);
    } finally {
      cleanup();
    }
  });

  it('refuses a second open of a data directory in use, leaving the first ledger untouched', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const ledger = await openLedger(dir);
      await fillBlocks(ledger, 2);
      await expect(openLedger(dir)).rejects.toMatchObject({ code: 'LEDGER_UNAVAILABLE' });
      await ledger.submit({ user: FARMER, fn: 'put', args: ['still', 'works'] });
      await ledger.close();
      expect(verifyChain(dir)).toEqual({ ok: true, height: 4, transactions: 3 });
    } finally {
      cleanup();
    }
  });

  it('cuts a torn last block on open and keeps committing', async () => {
    const { dir, cleanup } = tempDir();
    try {
      let ledger = await openLedger(dir);
      await fillBlocks(ledger, 3);
      await ledger.close();
      const whole = readFileSync(blockFile(dir));
      appendFileSync(blockFile(dir), whole.subarray(whole.length - 200, whole.length - 60));
      expect(verifyChain(dir)).toMatchObject({ ok: false, tamperedBlock: 4 });
      ledger = await openLedger(dir);
      expect(ledger.height).toBe(4);
      await ledger.submit({ user: FARMER, fn: 'put', args: ['after', 'torn'] });
      await ledger.close();
      expect(verifyChain(dir)).toEqual({ ok: true, height: 5, transactions: 4 });
    } finally {
      cleanup();
    }
  });

  it('rebuilds a lost state database, private data included, from the block and private data stores', async () => {
    const { dir, cleanup } = tempDir();
    try {
      let ledger = await openLedger(dir);
      await fillBlocks(ledger, 3);
      await ledger.submit({
        user: FARMER,
        fn: 'putPrivate',
        args: ['c', 'p'],
        transient: { secret: Buffer.from('s3cret') },
      });
      await ledger.submit({ user: FARMER, fn: 'put', args: ['k1', 'overwritten'] });
      await ledger.close();
      rmSync(join(dir, 'state'), { recursive: true, force: true });
      ledger = await openLedger(dir);
      expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['k1'] }))).toBe('overwritten');
      expect(
        JSON.parse(text(await ledger.evaluate({ user: FARMER, fn: 'history', args: ['k1'] }))),
      ).toHaveLength(2);
      expect(
        JSON.parse(text(await ledger.evaluate({ user: FARMER, fn: 'getPrivate', args: ['c', 'p'] }))).value,
      ).toBe('s3cret');
      await ledger.close();
    } finally {
      cleanup();
    }
  });

  it('discards private data synced for a block that never reached the block file', async () => {
    const { dir, cleanup } = tempDir();
    try {
      let ledger = await openLedger(dir);
      const orphanBlock = ledger.height;
      await ledger.close();
      const pvt = await PrivateDataStore.open(join(dir, 'pvtdata'));
      await pvt.put(
        orphanBlock,
        new Map([[0, [{ collection: 'c', key: 'ghost', value: Buffer.from('boo') }]]]),
      );
      await pvt.close();
      ledger = await openLedger(dir);
      await ledger.submit({ user: FARMER, fn: 'put', args: ['real', 'tx'] });
      await ledger.close();
      ledger = await openLedger(dir, { rebuildState: true });
      expect(
        JSON.parse(text(await ledger.evaluate({ user: FARMER, fn: 'getPrivate', args: ['c', 'ghost'] })))
          .value,
      ).toBe('');
      expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['real'] }))).toBe('tx');
      await ledger.close();
    } finally {
      cleanup();
    }
  });

  it('sets a state database that will not open aside and rebuilds it from the blocks', async () => {
    const { dir, cleanup } = tempDir();
    try {
      let ledger = await openLedger(dir);
      await fillBlocks(ledger, 3);
      await ledger.close();
      writeFileSync(join(dir, 'state', 'CURRENT'), 'MANIFEST-999999\n');
      ledger = await openLedger(dir);
      expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['k2'] }))).toBe(
        'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-2',
      );
      await ledger.close();
      expect(readdirSync(dir).some((f) => f.startsWith('state.set-aside-'))).toBe(true);
    } finally {
      cleanup();
    }
  });

  it('loses no acknowledged transaction and applies none twice when the process is killed mid-run', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const child = spawn(
        process.execPath,
        ['-r', REGISTER, join(__dirname, 'support', 'crashWriter.ts'), dir, '1000000', '32'],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const acked: string[] = [];
      let buffered = '';
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => {
          resolve(signal);
        }),
      );
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('ACK ')) acked.push(line.substring(4));
        if (acked.length >= 2000 && !child.killed) child.kill('SIGKILL');
      });
      expect(await exited).toBe('SIGKILL');
      expect(acked.length).toBeGreaterThanOrEqual(2000);

      const ledger = await openLedger(dir);
      for (const key of acked) {
        const history = JSON.parse(text(await ledger.evaluate({ user: FARMER, fn: 'history', args: [key] })));
        expect(history).toHaveLength(1);
        expect(history[0].value).toBe(`value-${key.substring('crash-'.length)}`);
      }
      await ledger.close();
      const report = verifyChain(dir);
      expect(report.ok).toBe(true);
      expect(report.ok && report.transactions).toBeGreaterThanOrEqual(acked.length);
    } finally {
      cleanup();
    }
  });
});
