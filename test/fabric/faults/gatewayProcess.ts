/**
 * A real gateway process on the Fabric test network: `node dist/gateway/src/server.js` with TRACE_LEDGER=fabric,
 * its own data dir (durable outbox, API keys) and a free port, so it can be SIGKILLed and restarted on the same
 * dir and port while a load generator keeps talking to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { networkDir } from '../network';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(ROOT, 'dist', 'gateway', 'src', 'server.js');

/** The compiled gateway must be at least as new as its sources, or the suite would test yesterday's code. */
function assertBuilt(): void {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} missing: run npm run build`);
  const built = statSync(SERVER).mtimeMs;
  const stale = [
    'gateway/src/ingest/outbox.ts',
    'gateway/src/ledger/fabric/fabricLedger.ts',
    'gateway/src/ledger/fabric/errorMapping.ts',
  ]
    .map((f) => path.join(ROOT, f))
    .filter((f) => existsSync(f) && statSync(f).mtimeMs > built);
  if (stale.length > 0) throw new Error(`dist/ is older than ${stale.join(', ')}: run npm run build`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

export interface GatewayProcess {
  readonly name: string;
  readonly url: string;
  readonly dataDir: string;
  /** Bearer header for a wallet label (the process made one API key per identity in its data dir). */
  auth(user: string): { Authorization: string };
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  /** stderr alone: what the gateway logged as going wrong (a quiet gateway logs nothing there). */
  errors(): string;
  readonly running: boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** A new process on the same data dir and port (kill this one first). */
  restart(): Promise<GatewayProcess>;
}

export interface GatewayOptions {
  readonly name: string;
  readonly dataDir?: string;
  readonly port?: number;
  readonly env?: Record<string, string>;
}

/** Start the gateway and resolve once it listens (it prints its URL then); fail with its output otherwise. */
export async function startGatewayProcess(options: GatewayOptions): Promise<GatewayProcess> {
  assertBuilt();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), `trace-faults-${options.name}-`));
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: {
      ...process.env,
      TRACE_LEDGER: 'fabric',
      TRACE_FABRIC_DIR: networkDir(),
      TRACE_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      TRACE_PUBLIC_URL: 'https://trace.example.com',
      TRACE_PUBLIC_RATE_LIMIT: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let errors = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    log += d.toString();
    errors += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`gateway ${options.name} did not listen within 60 s:\n${log}`));
    }, 60_000);
    const onData = (): void => {
      if (log.includes('Trace gateway on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`gateway ${options.name} exited (${code ?? signal}) during start-up:\n${log}`));
    });
  });
  const keys = JSON.parse(readFileSync(path.join(dataDir, 'api-keys.secret.json'), 'utf8')) as Record<
    string,
    string
  >;
  const proc: GatewayProcess = {
    name: options.name,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    auth: (user) => ({ Authorization: `Bearer ${keys[user]!}` }),
    output: () => log,
    errors: () => errors,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
    restart: () => startGatewayProcess({ ...options, dataDir, port }),
  };
  return proc;
}
