/** Opening embedded ledgers in temporary directories for the suites in this folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedLedger, type EmbeddedLedgerOptions } from '../src/embedded';
import { contracts } from './fixtureContract';

export const FARMER = 'ProducersMSP/farmer';
export const BRAND = 'BrandsMSP/brand';

const decoder = new TextDecoder();
export const text = (bytes: Uint8Array): string => decoder.decode(bytes);

/** A fresh data directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'trace-embedded-'));
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function openLedger(
  dataDir: string,
  options: Partial<EmbeddedLedgerOptions> = {},
): Promise<EmbeddedLedger> {
  return EmbeddedLedger.open({ dataDir, contracts, ...options });
}

/**
 * A ledger for a whole suite: opened in a temp dir before the suite, closed and removed after it. The returned
 * object stands for the ledger opened in `beforeAll` (a forwarding proxy, so tests call it directly).
 */
export function suiteLedger(options: Partial<EmbeddedLedgerOptions> = {}): EmbeddedLedger {
  const { dir, cleanup } = tempDir();
  let ledger: EmbeddedLedger | undefined;
  beforeAll(async () => {
    ledger = await openLedger(dir, options);
  });
  afterAll(async () => {
    await ledger?.close();
    cleanup();
  });
  return new Proxy(Object.create(null) as EmbeddedLedger, {
    get(_target, property) {
      if (!ledger) throw new Error('suiteLedger used outside a test');
      const value: unknown = Reflect.get(ledger, property, ledger);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(ledger) : value;
    },
  });
}
