/**
 * The on-disk wallet the network scripts write: `<wallet>/<mspId>/<name>/{cert.pem,key.pem}`, one directory per
 * enrolled identity, labelled `<mspId>/<name>`. Read once at connect; keys stay in memory as KeyObjects.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FabricConfigError } from './fabricConfigError';

/** One wallet entry: what a Fabric Gateway connection needs to act as this user. */
export interface WalletIdentity {
  /** `<mspId>/<name>`. */
  readonly label: string;
  readonly mspId: string;
  readonly name: string;
  /** PEM certificate bytes (Fabric's `SerializedIdentity.id_bytes`). */
  readonly credentials: Uint8Array;
  readonly privateKey: KeyObject;
}

async function subdirectories(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function loadIdentity(walletDir: string, mspId: string, name: string): Promise<WalletIdentity> {
  const dir = join(walletDir, mspId, name);
  const label = `${mspId}/${name}`;
  try {
    const certPem = await readFile(join(dir, 'cert.pem'));
    const privateKey = createPrivateKey(await readFile(join(dir, 'key.pem')));
    // Fails here, at start-up, rather than as a refused proposal later.
    const cert = new X509Certificate(certPem);
    if (!cert.checkPrivateKey(privateKey)) throw new Error('key.pem does not match cert.pem');
    return { label, mspId, name, credentials: certPem, privateKey };
  } catch (err) {
    throw new FabricConfigError(
      'WALLET_INVALID',
      `${label} in ${walletDir}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
}

/**
 * Load every identity of the wallet, sorted by label. Directories without both `cert.pem` and `key.pem` are skipped.
 * @throws FabricConfigError WALLET_INVALID if the wallet is missing or an entry cannot be read.
 */
export async function loadWallet(walletDir: string): Promise<ReadonlyMap<string, WalletIdentity>> {
  if (!existsSync(walletDir)) {
    throw new FabricConfigError('WALLET_INVALID', `no wallet at ${walletDir} (run ./test-network.sh enroll)`);
  }
  const identities = new Map<string, WalletIdentity>();
  for (const mspId of await subdirectories(walletDir)) {
    for (const name of await subdirectories(join(walletDir, mspId))) {
      const dir = join(walletDir, mspId, name);
      if (!existsSync(join(dir, 'cert.pem')) || !existsSync(join(dir, 'key.pem'))) continue;
      const id = await loadIdentity(walletDir, mspId, name);
      identities.set(id.label, id);
    }
  }
  return identities;
}
