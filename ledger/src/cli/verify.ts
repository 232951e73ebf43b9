/**
 * `node dist/ledger/src/cli/verify.js --data <dataDir> [--no-signatures]` (or `npm run verify -- --data <dir>`):
 * audits an embedded ledger's block file. Prints `OK height=<blocks> transactions=<n>` and exits 0, or
 * `TAMPERED block <n>: <reason>` and exits 1. Usage errors exit 2.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyChain } from '../embedded/verifyChain';

function main(): number {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, 'no-signatures': { type: 'boolean' } },
  });
  const dataDir = values.data;
  if (dataDir === undefined || !existsSync(dataDir)) {
    process.stderr.write('usage: verify --data <embedded ledger data directory> [--no-signatures]\n');
    return 2;
  }
  const report = verifyChain(dataDir, { signatures: values['no-signatures'] !== true });
  if (report.ok) {
    process.stdout.write(`OK height=${report.height} transactions=${report.transactions}\n`);
    return 0;
  }
  process.stdout.write(`TAMPERED block ${report.tamperedBlock}: ${report.reason}\n`);
  return 1;
}

process.exitCode = main();
