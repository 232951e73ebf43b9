/**
 * Brand keys from a JSON file (`<dataDir>/nfc-master-keys.json` by default), readable by the gateway's user
 * only. A missing file is created with fresh random keys (mode 0600) so a demo runs out of the box; a brand in
 * production writes its own. The file is refused when group or others may read it.
 *
 * ```json
 * { "version": 1, "brands": [{ "keyId": "maison-2026", "mspId": "BrandsMSP", "signer": "BrandsMSP/brand",
 *   "metaReadKey": "<32 hex>", "fileReadMasterKey": "<32 hex>", "applicationId": "D2760000850101",
 *   "systemIdentifier": "Trace" }] }
 * ```
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BrandKeySet, NfcKeyProvider } from './keyProvider';
import { NfcKeyError } from './nfcKeyError';
import { SecretKey } from './secretKey';

const Hex16 = z.string().regex(/^[0-9A-Fa-f]{32}$/, '32 hex characters');

const KeyFile = z.object({
  version: z.literal(1),
  brands: z
    .array(
      z.object({
        keyId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
        mspId: z.string().min(1).max(100),
        signer: z.string().min(3).max(200),
        metaReadKey: Hex16,
        fileReadMasterKey: Hex16,
        /** NTAG 424 DNA NDEF application ISO DF name by default. */
        applicationId: z
          .string()
          .regex(/^(?:[0-9A-Fa-f]{2}){0,16}$/)
          .default('D2760000850101'),
        systemIdentifier: z.string().max(16).default('Trace'),
      }),
    )
    .min(1),
});

/** The demo brand of ledger/src/msp/demoOrgs.ts. */
export const DEMO_BRAND = { keyId: 'demo-brand', mspId: 'BrandsMSP', signer: 'BrandsMSP/brand' } as const;

export interface FileKeyProviderOptions {
  /** Create the file with random keys for the demo brand when it does not exist (default true). */
  readonly createIfMissing?: boolean;
}

export class FileKeyProvider implements NfcKeyProvider {
  private loaded: Promise<readonly BrandKeySet[]> | undefined;

  constructor(
    readonly file: string,
    private readonly options: FileKeyProviderOptions = {},
  ) {}

  brands(): Promise<readonly BrandKeySet[]> {
    // A failed load is not remembered: fixing the file's mode or content takes effect on the next tap.
    this.loaded ??= this.load().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async load(): Promise<readonly BrandKeySet[]> {
    if (!fs.existsSync(this.file)) {
      if (this.options.createIfMissing === false)
        throw new NfcKeyError('KEY_FILE_MISSING', `${this.file} does not exist`);
      createDemoKeyFile(this.file);
    }
    const mode = (await fs.promises.stat(this.file)).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new NfcKeyError(
        'KEY_FILE_PERMISSIONS',
        `${this.file} is readable by others (mode ${mode.toString(8)}); chmod 600 it`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(await fs.promises.readFile(this.file, 'utf8'));
    } catch {
      throw new NfcKeyError('KEY_FILE_INVALID', `${this.file} is not JSON`);
    }
    const parsed = KeyFile.safeParse(json);
    // The zod message may quote the offending value; name only the path, which never holds a key.
    if (!parsed.success)
      throw new NfcKeyError(
        'KEY_FILE_INVALID',
        `${this.file}: ${parsed.error.issues[0]?.path.join('.') ?? ''} is invalid`,
      );
    return parsed.data.brands.map((b) => ({
      keyId: b.keyId,
      mspId: b.mspId,
      signer: b.signer,
      metaReadKey: SecretKey.fromHex(b.metaReadKey),
      fileReadMasterKey: SecretKey.fromHex(b.fileReadMasterKey),
      applicationId: Buffer.from(b.applicationId, 'hex'),
      systemIdentifier: Buffer.from(b.systemIdentifier, 'ascii'),
    }));
  }
}

/** Write a key file for the demo brand with fresh random keys, mode 0600, never overwriting. */
export function createDemoKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body = {
    version: 1,
    brands: [
      {
        ...DEMO_BRAND,
        metaReadKey: randomBytes(16).toString('hex').toUpperCase(),
        fileReadMasterKey: randomBytes(16).toString('hex').toUpperCase(),
        applicationId: 'D2760000850101',
        systemIdentifier: 'Trace',
      },
    ],
  };
  // Written aside and linked into place: a reader never sees a half-written file, and a file that appeared
  // meanwhile (another process, another provider) is kept, never overwritten.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(body, null, 2), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.unlinkSync(tmp);
  }
}

/** Keys given in memory (tests, a KMS adapter that has already fetched them). */
export class StaticKeyProvider implements NfcKeyProvider {
  constructor(private readonly sets: readonly BrandKeySet[]) {}
  brands(): Promise<readonly BrandKeySet[]> {
    return Promise.resolve(this.sets);
  }
}
