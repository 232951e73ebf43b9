/**
 * The fault suite's hands on the running test network: test-network.sh verbs (kill, start, status) run as child
 * processes against the same work dir as the suite, and each peer's block height read from its operations
 * endpoint, so "caught up" is a measured condition rather than a sleep.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { networkDir } from '../network';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '..', '..', '..', 'test-network.sh');

/** Run `./test-network.sh VERB ARGS…` (bounded: a restart waits for /healthz, at most 60 s in the script). */
export async function network(verb: string, ...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(SCRIPT, [verb, ...args], {
      env: { ...process.env, TRACE_NETWORK_DIR: networkDir() },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`./test-network.sh ${[verb, ...args].join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: error });
  }
}

interface Topology {
  readonly channel: string;
  readonly orgs: readonly { readonly peers: readonly { readonly name: string; readonly endpoint: string }[] }[];
  readonly orderer: { readonly nodes: readonly { readonly name: string }[] };
}

function topology(): Topology {
  return JSON.parse(readFileSync(join(networkDir(), 'topology.json'), 'utf8')) as Topology;
}

export function peerNames(): string[] {
  return topology().orgs.flatMap((o) => o.peers.map((p) => p.name));
}

export function ordererNames(): string[] {
  return topology().orderer.nodes.map((n) => n.name);
}

/**
 * The peer's committed height on the channel (`ledger_blockchain_height` on its Prometheus endpoint, which
 * test-network.sh puts on the peer's port + 2), or undefined while the peer does not answer.
 */
export async function peerHeight(name: string): Promise<number | undefined> {
  const topo = topology();
  const peer = topo.orgs.flatMap((o) => o.peers).find((p) => p.name === name);
  if (!peer) throw new Error(`no peer ${name} in topology.json`);
  const [host, port] = peer.endpoint.split(':');
  try {
    const res = await fetch(`http://${host!}:${Number(port) + 2}/metrics`, { signal: AbortSignal.timeout(2000) });
    const text = await res.text();
    const line = text.split('\n').find((l) => l.startsWith(`ledger_blockchain_height{channel="${topo.channel}"}`));
    return line === undefined ? undefined : Number(line.split(' ').pop());
  } catch {
    return undefined;
  }
}

export async function peerHeights(): Promise<Record<string, number | undefined>> {
  const names = peerNames();
  const heights = await Promise.all(names.map((n) => peerHeight(n)));
  return Object.fromEntries(names.map((n, i) => [n, heights[i]]));
}

/** Poll `check` every `everyMs` until it holds; fail naming `what` after `deadlineMs`. Returns the time taken. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, deadlineMs: number, everyMs = 250): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > deadlineMs) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
