/**
 * `connection.json`: how the gateway reaches a Fabric network and where its identities are. The network scripts
 * write it (`./test-network.sh enroll` runs scripts/fabric-enroll.ts into `<workdir>/connection.json`); this schema
 * is its one definition on the reading side, validator and type at once.
 *
 * ```json
 * {
 *   "channel": "trace",
 *   "chaincode": "trace",
 *   "wallet": "/abs/workdir/wallet",                      // <wallet>/<mspId>/<name>/{cert.pem,key.pem}
 *   "organizations": {
 *     "ProducersMSP": {
 *       "mspId": "ProducersMSP",
 *       "peers": [{ "name": "peer0.producers", "endpoint": "127.0.0.1:7110",
 *                   "hostnameOverride": "peer0.producers.trace.local",
 *                   "tlsCACert": "/abs/.../tlsca.producers.trace.local-cert.pem" }],
 *       "users": [{ "name": "farmer", "role": "producer" }]
 *     }
 *   },
 *   "orderers": [{ "name": "orderer1", "endpoint": "127.0.0.1:7010", "hostnameOverride": "...", "tlsCACert": "..." }]
 * }
 * ```
 * Relative paths (`wallet`, `tlsCACert`) are resolved against the directory of the profile file.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { FabricConfigError } from './fabricConfigError';

/** A peer or orderer as a client dials it. */
export const NodeEndpoint = z.object({
  name: z.string().min(1),
  /** `host:port` to dial. */
  endpoint: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port'),
  /** TLS server name to verify (`grpc.ssl_target_name_override`): the hostname in the node's TLS certificate. */
  hostnameOverride: z.string().min(1),
  /** Path of the PEM certificate of the TLS CA that signed the node's TLS certificate. */
  tlsCACert: z.string().min(1),
});
export type NodeEndpoint = z.infer<typeof NodeEndpoint>;

export const OrganizationProfile = z.object({
  mspId: z.string().min(1),
  /** The org's peers; the first is the gateway peer its users connect to, the rest are fallbacks. */
  peers: z.array(NodeEndpoint).min(1),
  /** Informational: the users enrolled for this org and their `trace.role`. The wallet is the authority. */
  users: z.array(z.object({ name: z.string(), role: z.string() })).default([]),
});
export type OrganizationProfile = z.infer<typeof OrganizationProfile>;

export const ConnectionProfile = z
  .object({
    channel: z.string().min(1),
    chaincode: z.string().min(1),
    wallet: z.string().min(1),
    organizations: z.record(z.string(), OrganizationProfile),
    /** Informational: the peer Gateway service finds orderers from the channel configuration itself. */
    orderers: z.array(NodeEndpoint).default([]),
  })
  .refine((p) => Object.entries(p.organizations).every(([key, org]) => key === org.mspId), {
    message: 'each organizations key must equal its mspId',
    path: ['organizations'],
  });
export type ConnectionProfile = z.infer<typeof ConnectionProfile>;

function resolvePaths(profile: ConnectionProfile, baseDir: string): ConnectionProfile {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));
  const node = (n: NodeEndpoint): NodeEndpoint => ({ ...n, tlsCACert: abs(n.tlsCACert) });
  const organizations: Record<string, OrganizationProfile> = {};
  for (const [id, org] of Object.entries(profile.organizations))
    organizations[id] = { ...org, peers: org.peers.map(node) };
  return { ...profile, wallet: abs(profile.wallet), organizations, orderers: profile.orderers.map(node) };
}

/** Validate an already-parsed profile; relative paths resolve against `baseDir`. */
export function parseConnectionProfile(
  json: unknown,
  baseDir: string,
  source = 'connection profile',
): ConnectionProfile {
  const parsed = ConnectionProfile.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new FabricConfigError('PROFILE_INVALID', `${source}: ${issues}`);
  }
  return resolvePaths(parsed.data, baseDir);
}

/**
 * Read and validate `connection.json`.
 * @throws FabricConfigError PROFILE_MISSING / PROFILE_INVALID, naming the file and the offending fields.
 */
export async function loadConnectionProfile(path: string): Promise<ConnectionProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new FabricConfigError('PROFILE_MISSING', `cannot read ${path} (run ./test-network.sh enroll)`, {
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FabricConfigError('PROFILE_INVALID', `${path} is not JSON`, { cause: err });
  }
  return parseConnectionProfile(json, dirname(resolve(path)), path);
}
