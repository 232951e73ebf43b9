/**
 * The gateway's whole configuration, from environment variables, validated once at start-up. Every variable
 * has a documented default; a bad value stops the process with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  /** `embedded` (default: in-process ledger, no Fabric needed) or `fabric`. */
  TRACE_LEDGER: z.enum(['embedded', 'fabric']).default('embedded'),
  /** Where the embedded ledger, outbox, identities and API keys live. */
  TRACE_DATA_DIR: z.string().default('.work/embedded'),
  /** Fabric network work directory holding connection.json and wallet/ (test-network.sh writes it). */
  TRACE_FABRIC_DIR: z.string().default('.work/fabric'),
  /** Address to listen on; 127.0.0.1 by default, 0.0.0.0 to let phones on the LAN in. */
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Base URL printed on QR labels; the gateway is the GS1 Digital Link resolver for it. */
  TRACE_PUBLIC_URL: z.url().optional(),
  /** Path prefix before /01/… in label URLs (GS1 DL allows one), e.g. `/p`. Lookups accept any prefix. */
  TRACE_DL_PREFIX: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*$/)
    .default(''),
  /** Public lookups per client IP per minute. */
  TRACE_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  /** Largest request body (bytes) and largest RFID batch (reads). */
  TRACE_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TRACE_MAX_BATCH_READS: z.coerce.number().int().min(1).default(5000),
  /** Repeated reads of one tag within this window (ms) count once. */
  TRACE_DEDUPE_WINDOW_MS: z.coerce.number().int().min(0).default(5000),
  /** How long a scan request waits for its commit before answering 202 with a scan id to poll. */
  TRACE_SYNC_WAIT_MS: z.coerce.number().int().min(0).default(5000),
  /**
   * Brand NTAG 424 DNA master keys (gateway/src/authenticity/nfc: `{version:1, brands:[{keyId, mspId, signer, metaReadKey,
   * fileReadMasterKey, applicationId, systemIdentifier}]}`, mode 0600 required); created with random keys if
   * missing. Never on the ledger, never logged.
   */
  TRACE_NFC_KEYS_FILE: z.string().optional(),
  /** Hours a settled scan stays in the outbox (retries after that are answered from the ledger's receipt). */
  TRACE_OUTBOX_RETENTION_HOURS: z.coerce.number().min(0).default(168),
});

export interface Config {
  readonly ledger: 'embedded' | 'fabric';
  readonly dataDir: string;
  readonly fabricDir: string;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | undefined;
  readonly dlPrefix: string;
  readonly publicRateLimit: number;
  readonly maxBodyBytes: number;
  readonly maxBatchReads: number;
  readonly dedupeWindowMs: number;
  readonly syncWaitMs: number;
  readonly outboxRetentionMs: number;
  readonly nfcKeysFile: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.TRACE_DATA_DIR);
  return {
    ledger: e.TRACE_LEDGER,
    dataDir,
    fabricDir: path.resolve(e.TRACE_FABRIC_DIR),
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.TRACE_PUBLIC_URL?.replace(/\/$/, ''),
    dlPrefix: e.TRACE_DL_PREFIX,
    publicRateLimit: e.TRACE_PUBLIC_RATE_LIMIT,
    maxBodyBytes: e.TRACE_MAX_BODY_BYTES,
    maxBatchReads: e.TRACE_MAX_BATCH_READS,
    dedupeWindowMs: e.TRACE_DEDUPE_WINDOW_MS,
    syncWaitMs: e.TRACE_SYNC_WAIT_MS,
    outboxRetentionMs: e.TRACE_OUTBOX_RETENTION_HOURS * 3600 * 1000,
    nfcKeysFile: path.resolve(e.TRACE_NFC_KEYS_FILE ?? path.join(dataDir, 'nfc-master-keys.json')),
  };
}
