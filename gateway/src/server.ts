/**
 * Entry point: load config, open the ledger (embedded by default), start the outbox and read model, listen.
 * `--demo` seeds a small world on first start and prints the URLs to open.
 */
import './quietContractLogs';
import path from 'node:path';
import { contracts } from '../../chaincode/src';
import { createServer } from 'node:http';
import { createGateway } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { seedDemo } from './demo/seedDemo';
import { ensureApiKeys } from './http/apiKeys';
import { Outbox } from './outbox/outbox';
import { EmbeddedLedger } from '../../ledger/src/embedded';
import type { Ledger } from '../../ledger/src';
import { TraceClient } from './client';
import { TraceCache } from './lookup/traceCache';

async function openLedger(config: Config): Promise<Ledger> {
  if (config.ledger === 'embedded')
    return EmbeddedLedger.open({ dataDir: path.join(config.dataDir, 'ledger'), contracts });
  const { FabricLedger } = await import('../../ledger/src/fabric');
  return FabricLedger.connect({ connectionProfile: path.join(config.fabricDir, 'connection.json') });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const demo = process.argv.includes('--demo');
  const ledger = await openLedger(config);
  const identities = await ledger.identities();
  const { keys, plain } = ensureApiKeys(config.dataDir, identities);
  const outbox = await Outbox.open(path.join(config.dataDir, 'outbox'), ledger, {
    retentionMs: config.outboxRetentionMs,
  });
  const client = new TraceClient(ledger);
  const cache = new TraceCache(client, identities[0]!);
  await cache.follow(ledger);
  const server = createServer(
    createGateway({ config, ledger, outbox, cache, apiKeys: keys }).listener,
  ).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  console.log(`Trace gateway on ${base} (ledger: ${config.ledger}, data: ${config.dataDir})`);
  if (demo) {
    const links = await seedDemo({ client, base, prefix: config.dlPrefix, nfcKeysFile: config.nfcKeysFile });
    console.log('\nDemo world ready. Open on a phone or in a browser:');
    for (const link of links) console.log(`  ${link.title.padEnd(40)} ${link.url}`);
  }
  console.log(`\nAPI description: ${base}/openapi.json`);
  console.log(
    `Member API keys (one per enrolled identity): ${path.join(config.dataDir, 'api-keys.secret.json')}`,
  );
  console.log(`  e.g. curl -H 'Authorization: Bearer ${plain[identities[0]!] ?? '…'}' ${base}/healthz`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close();
    cache.close();
    void outbox
      .close()
      .then(() => ledger.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
