/**
 * Waits until the deployed chaincode can be endorsed across organisations through service discovery — the
 * way the gateway submits — from a peer of every organisation (`./test-network.sh deployCC` runs this last).
 *
 * Why a real submit: a peer answering `peer chaincode query` says nothing of discovery, which on Fabric v3
 * took ~20 s after deployCC to learn the other organisations' endorsers; until then submits fail with
 * `FAILED_PRECONDITION: no combination of peers`. The probe submits the contract's built-in
 * `org.hyperledger.fabric:GetMetadata` (empty write set) as a user of each organisation, so the network is
 * declared ready only once that works, never after a fixed sleep.
 *
 *   node dist/scripts/fabric-ready.js [--network-dir <dir>] [--timeout <seconds>]   (default 90 s)
 */
import { join } from 'node:path';
import { FabricLedger } from '../ledger/src/fabric';

const PROBE = 'org.hyperledger.fabric:GetMetadata';

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Submit the probe as `user` until it commits or `deadline` (ms since the epoch) passes; resolves the tries. */
async function probeUntilReady(ledger: FabricLedger, user: string, deadline: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ledger.submit({ user, fn: PROBE, args: [] });
      return attempt;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`${user}: still failing: ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const dir =
    flag(argv, '--network-dir') ?? process.env.TRACE_NETWORK_DIR ?? join(process.cwd(), '.work', 'fabric');
  const timeoutSeconds = Number(flag(argv, '--timeout') ?? 90);
  const ledger = await FabricLedger.connect({ connectionProfile: join(dir, 'connection.json') });
  const started = Date.now();
  try {
    const users = Object.values(ledger.profile.organizations).map((org) => {
      const first = org.users[0];
      if (!first) throw new Error(`${org.mspId} has no users in connection.json`);
      return `${org.mspId}/${first.name}`;
    });
    const deadline = started + timeoutSeconds * 1000;
    const tries = await Promise.all(users.map((user) => probeUntilReady(ledger, user, deadline)));
    const summary = users
      .map((user, i) => `${user} (${tries[i]} ${tries[i] === 1 ? 'try' : 'tries'})`)
      .join(', ');
    process.stderr.write(
      `[ready] cross-org endorsement through discovery works in ${Date.now() - started} ms for ${summary}\n`,
    );
  } finally {
    await ledger.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`[ready] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
