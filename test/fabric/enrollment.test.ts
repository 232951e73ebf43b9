/**
 * The wallet of the running test network is filled by Fabric CA enrolment: each demo user's certificate is issued
 * by its organisation's Fabric CA (ProducersMSP's by an intermediate CA under an offline root), not by cryptogen's
 * CA, and carries its `trace.role` in Fabric's attribute extension. Needs the running test network (see network.ts).
 */
// @peculiar/x509 resolves its services through tsyringe, which needs this first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { connect } from 'node:net';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as x509 from '@peculiar/x509';
import { DEMO_ORGS } from '../../ledger/src/msp';
import { FABRIC_ATTRS_OID } from '../../ledger/src/msp';
import { networkDir } from './network';

x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);

/** network/nodes.sh rows of kind `ca` (`name ca MSP port`) and of TRACE_CA_ROOTS (`name root port`). */
async function caTables(): Promise<{
  caOf: Map<string, string>;
  roots: { ca: string; root: string; port: number }[];
}> {
  const text = await readFile(resolve(__dirname, '..', '..', 'network', 'nodes.sh'), 'utf8');
  const caOf = new Map([...text.matchAll(/^\s*"(\S+) ca (\S+) \d+"/gm)].map((m) => [m[2]!, m[1]!]));
  const roots = [...text.matchAll(/^\s*"(ca\.\S+) (\S+) (\d+)"\s*$/gm)].map((m) => ({
    ca: m[1]!,
    root: m[2]!,
    port: Number(m[3]),
  }));
  return { caOf, roots };
}

const pem = async (path: string): Promise<x509.X509Certificate> =>
  new x509.X509Certificate(await readFile(path, 'utf8'));
const caCert = (name: string): Promise<x509.X509Certificate> =>
  pem(join(networkDir(), 'ca', name, 'server', 'ca-cert.pem'));

function roleIn(cert: x509.X509Certificate): unknown {
  const ext = cert.getExtension(FABRIC_ATTRS_OID);
  if (!ext) return undefined;
  return (JSON.parse(Buffer.from(ext.value).toString('utf8')) as { attrs: Record<string, unknown> }).attrs[
    'trace.role'
  ];
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => {
      done(false);
    });
  });
}

const USERS = DEMO_ORGS.flatMap((o) => o.users.map((u) => [o.mspId, u.name, u.role] as const));

describe('enrolment through Fabric CA', () => {
  it.each(USERS)(
    'gives %s/%s a certificate from its org CA with trace.role %s',
    async (mspId, name, role) => {
      const { caOf } = await caTables();
      const caName = caOf.get(mspId)!;
      const cert = await pem(join(networkDir(), 'wallet', mspId, name, 'cert.pem'));
      const issuer = await caCert(caName);
      expect(cert.issuer).toBe(issuer.subject);
      expect(await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true })).toBe(true);
      expect(roleIn(cert)).toBe(role);
      // Not signed with cryptogen's CA key, which the org MSP still trusts for nodes and admins.
      const domain = mspId.replace(/MSP$/, '').toLowerCase();
      const cryptogenDir = join(networkDir(), 'crypto', 'peerOrganizations', `${domain}.trace.local`, 'ca');
      const cryptogenCa = await pem(
        join(
          cryptogenDir,
          (await readdir(cryptogenDir)).find((f) => f.endsWith('-cert.pem'))!,
        ),
      );
      expect(await cert.verify({ publicKey: cryptogenCa.publicKey, signatureOnly: true })).toBe(false);
      expect((await stat(join(networkDir(), 'wallet', mspId, name, 'key.pem'))).mode & 0o777).toBe(0o600);
    },
  );

  it("chains the intermediate CA to an offline root that no longer runs, and puts both in the org's channel MSP", async () => {
    const { caOf, roots } = await caTables();
    expect(roots.length).toBeGreaterThan(0);
    for (const { ca, root, port } of roots) {
      const intermediate = await caCert(ca);
      const rootCert = await caCert(root);
      expect(intermediate.issuer).toBe(rootCert.subject);
      expect(await intermediate.verify({ publicKey: rootCert.publicKey, signatureOnly: true })).toBe(true);
      const mspId = [...caOf].find(([, name]) => name === ca)![0];
      const mspDir = join(
        networkDir(),
        'crypto',
        'peerOrganizations',
        `${mspId.replace(/MSP$/, '').toLowerCase()}.trace.local`,
        'msp',
      );
      expect((await readFile(join(mspDir, 'cacerts', `${root}.pem`), 'utf8')).trim()).toBe(
        rootCert.toString('pem').trim(),
      );
      expect((await readFile(join(mspDir, 'intermediatecerts', `${ca}.pem`), 'utf8')).trim()).toBe(
        intermediate.toString('pem').trim(),
      );
      // The root's server is stopped once it has signed: nothing answers on its port.
      expect(await accepts(port)).toBe(false);
    }
  });
});
