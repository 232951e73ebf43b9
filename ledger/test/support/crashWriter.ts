/**
 * Child process for the crash-safety suite: submits `count` puts of unique keys with `concurrency` writers and
 * prints `ACK <key>` after each acknowledged submit, until it is killed.
 */
import { FARMER, openLedger } from '../ledgerHarness';

async function main(): Promise<void> {
  const [dataDir, count = '100000', concurrency = '16'] = process.argv.slice(2);
  if (dataDir === undefined) throw new Error('usage: crashWriter <dataDir> [count] [concurrency]');
  const ledger = await openLedger(dataDir);
  process.stdout.write('READY\n');
  let next = 0;
  const total = Number(count);
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const key = `crash-${i}`;
      await ledger.submit({ user: FARMER, fn: 'put', args: [key, `value-${i}`] });
      process.stdout.write(`ACK ${key}\n`);
    }
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, worker));
  await ledger.close();
}

void main();
