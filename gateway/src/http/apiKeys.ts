/**
 * Writers authenticate with an API key that maps to ONE enrolled ledger identity, so the transaction is signed
 * by that member and the ledger records who scanned. Only SHA-256 digests of keys are stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { HttpProblem } from './problem';

const KeyFile = z.object({
  keys: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), user: z.string().min(3) })),
});

const digest = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export class ApiKeys {
  private constructor(private readonly byDigest: ReadonlyMap<string, string>) {}

  static fromFile(file: string): ApiKeys {
    const parsed = KeyFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return new ApiKeys(new Map(parsed.keys.map((k) => [k.sha256, k.user])));
  }

  static fromEntries(entries: readonly { key: string; user: string }[]): ApiKeys {
    return new ApiKeys(new Map(entries.map((e) => [digest(e.key), e.user])));
  }

  /** The wallet label this key signs as, or undefined. */
  userFor(key: string): string | undefined {
    return this.byDigest.get(digest(key));
  }
}

/**
 * Make (once) one API key per identity and keep them in `<dir>/api-keys.json` (digests) and
 * `<dir>/api-keys.secret.json` (plain keys, mode 0600, for the demo's printed instructions).
 */
export function ensureApiKeys(
  dir: string,
  users: readonly string[],
): { keys: ApiKeys; plain: Record<string, string> } {
  const secretFile = path.join(dir, 'api-keys.secret.json');
  let plain: Record<string, string> = {};
  if (fs.existsSync(secretFile))
    plain = z.record(z.string(), z.string()).parse(JSON.parse(fs.readFileSync(secretFile, 'utf8')));
  let changed = false;
  for (const user of users) {
    if (plain[user] === undefined) {
      plain[user] = `trk_${randomBytes(24).toString('base64url')}`;
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(secretFile, JSON.stringify(plain, null, 2), { mode: 0o600 });
    const digests = Object.entries(plain).map(([user, key]) => ({ sha256: digest(key), user }));
    fs.writeFileSync(path.join(dir, 'api-keys.json'), JSON.stringify({ keys: digests }, null, 2));
  }
  return { keys: ApiKeys.fromEntries(Object.entries(plain).map(([user, key]) => ({ key, user }))), plain };
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Wallet label of the authenticated member (`<mspId>/<name>`). */
    member?: string;
  }
}

export function requireMember(keys: ApiKeys): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization');
    const key = header?.startsWith('Bearer ') ? header.slice(7).trim() : req.get('x-api-key');
    const user = key ? keys.userFor(key) : undefined;
    if (!user) {
      next(
        new HttpProblem(
          401,
          'UNAUTHENTICATED',
          'Authentication required',
          'send a member API key as `Authorization: Bearer <key>`',
        ),
      );
      return;
    }
    req.member = user;
    next();
  };
}
