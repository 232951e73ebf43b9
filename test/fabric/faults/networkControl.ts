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
    throw new Error(
      `./test-network.sh ${[verb, ...args].join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`,
      { cause: error },
    );
  }
}

interface Topology {
  readonly channel: string;
  readonly orgs: readonly {
    readonly peers: readonly { readonly name: string; readonly endpoint: string }[];
  }[];
  readonly orderer: { readonly nodes: readonly { readonly name: string; readonly endpoint: string }[] };
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
  const peer = topology()
    .orgs.flatMap((o) => o.peers)
    .find((p) => p.name === name);
  if (!peer) throw new Error(`no peer ${name} in topology.json`);
  return gauge(peer.endpoint, 'ledger_blockchain_height');
}

/** One Prometheus gauge of a node's operations endpoint (its port + 2), or undefined while it does not answer. */
async function gauge(endpoint: string, metric: string): Promise<number | undefined> {
  const [host, port] = endpoint.split(':');
  try {
    const res = await fetch(`http://${host!}:${Number(port) + 2}/metrics`, {
      signal: AbortSignal.timeout(2000),
    });
    const line = (await res.text())
      .split('\n')
      .find((l) => l.startsWith(`${metric}{channel="${topology().channel}"}`));
    return line === undefined ? undefined : Number(line.split(' ').pop());
  } catch {
    return undefined;
  }
}

/**
 * The orderer the SmartBFT cluster currently follows (`consensus_smartbft_view_leader_id`, as most orderers report
 * it). Consenter IDs are the orderers' positions in topology.json plus one, as configtx.yaml's ConsenterMapping.
 */
export async function bftLeader(): Promise<string> {
  const nodes = topology().orderer.nodes;
  const ids = await Promise.all(nodes.map((n) => gauge(n.endpoint, 'consensus_smartbft_view_leader_id')));
  const votes = new Map<number, number>();
  for (const id of ids) if (id !== undefined) votes.set(id, (votes.get(id) ?? 0) + 1);
  const [leader] = [...votes].sort((a, b) => b[1] - a[1])[0] ?? [];
  const node = leader === undefined ? undefined : nodes[leader - 1];
  if (!node) throw new Error(`no SmartBFT leader reported (view_leader_id per orderer: ${ids.join(', ')})`);
  return node.name;
}

export async function peerHeights(): Promise<Record<string, number | undefined>> {
  const names = peerNames();
  const heights = await Promise.all(names.map((n) => peerHeight(n)));
  return Object.fromEntries(names.map((n, i) => [n, heights[i]]));
}

/** Poll `check` every `everyMs` until it holds; fail naming `what` after `deadlineMs`. Returns the time taken. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  deadlineMs: number,
  everyMs = 250,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > deadlineMs)
      throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
