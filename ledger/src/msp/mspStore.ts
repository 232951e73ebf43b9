/**
 * The on-disk MSP of an embedded ledger: `<dataDir>/msp/<mspId>/ca/{cert.pem,key.pem}` and
 * `<dataDir>/msp/<mspId>/users/<name>/{cert.pem,key.pem}`. Private keys are written 0600.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCertificateAuthority,
  issueIdentity,
  walletLabel,
  type CertificateAuthority,
  type IssuedIdentity,
} from './certificateAuthority';
import { DEMO_ORGS, type DemoOrg } from './demoOrgs';

/** What an MSP directory holds: the org CAs (trust anchors) and the enrolled users (the wallet). */
export interface MspMaterial {
  readonly cas: readonly CertificateAuthority[];
  readonly identities: readonly IssuedIdentity[];
}

async function writePair(dir: string, certPem: string, keyPem: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'cert.pem'), certPem, { mode: 0o644 });
  await writeFile(join(dir, 'key.pem'), keyPem, { mode: 0o600 });
}

async function createMsp(dir: string, orgs: readonly DemoOrg[]): Promise<void> {
  for (const org of orgs) {
    const ca = await createCertificateAuthority(org.mspId);
    await writePair(join(dir, org.mspId, 'ca'), ca.certPem, ca.keyPem);
    for (const user of org.users) {
      const id = await issueIdentity(ca, { mspId: org.mspId, name: user.name, role: user.role });
      await writePair(join(dir, org.mspId, 'users', user.name), id.certPem, id.keyPem);
    }
  }
}

/**
 * Create the demo organisations under `mspDir` unless it exists. The MSP is built in a sibling directory and
 * renamed into place, so a crash never leaves a half-made MSP that would later be taken as complete.
 */
export async function ensureDemoMsp(mspDir: string, orgs: readonly DemoOrg[] = DEMO_ORGS): Promise<void> {
  if (existsSync(mspDir)) return;
  const tmp = `${mspDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true, mode: 0o700 });
  await createMsp(tmp, orgs);
  await rename(tmp, mspDir);
}

function roleOf(certPem: string): string {
  // The role is only informative here; authorisation reads it from the certificate via ClientIdentity.
  const m = /"trace\.role":"([^"]*)"/.exec(
    Buffer.from(certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('latin1'),
  );
  return m?.[1] ?? '';
}

/** Load every org CA and user under `mspDir`. */
export async function loadMsp(mspDir: string): Promise<MspMaterial> {
  const cas: CertificateAuthority[] = [];
  const identities: IssuedIdentity[] = [];
  const orgs = (await readdir(mspDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  for (const mspId of orgs.sort()) {
    const caDir = join(mspDir, mspId, 'ca');
    cas.push({
      mspId,
      certPem: await readFile(join(caDir, 'cert.pem'), 'utf8'),
      keyPem: await readFile(join(caDir, 'key.pem'), 'utf8'),
    });
    const usersDir = join(mspDir, mspId, 'users');
    const users = existsSync(usersDir) ? await readdir(usersDir) : [];
    for (const name of users.sort()) {
      const certPem = await readFile(join(usersDir, name, 'cert.pem'), 'utf8');
      const keyPem = await readFile(join(usersDir, name, 'key.pem'), 'utf8');
      identities.push({
        label: walletLabel(mspId, name),
        mspId,
        name,
        role: roleOf(certPem),
        certPem,
        keyPem,
      });
    }
  }
  return { cas, identities };
}
