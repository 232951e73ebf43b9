/**
 * The anti-counterfeit routes and their OpenAPI fragment (merged into the gateway's document) are the same set,
 * and every documented error is problem+json.
 */
import type { RequestHandler } from 'express';
import { authenticityPaths } from '../../gateway/src/authenticity';
import { nfcRoutes } from '../../gateway/src/authenticity/authenticityRoutes';
import type { NfcRouteDeps } from '../../gateway/src/authenticity/authenticityRoutes';
import { StaticKeyProvider } from '../../gateway/src/authenticity/nfc';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('authenticity OpenAPI paths', () => {
  const pass: RequestHandler = (_req, _res, next) => {
    next();
  };
  // Building the router touches no dependency; only requests would.
  const deps = {
    keys: new StaticKeyProvider([]),
    publicLimit: pass,
    publicUrl: () => '',
    maxBodyBytes: 1024,
    syncWaitMs: 0,
  } as unknown as NfcRouteDeps;
  const served = (nfcRoutes(deps).stack as Layer[])
    .flatMap((l) => (l.route ? Object.keys(l.route.methods).map((m) => `${m} ${l.route!.path}`) : []))
    .sort();
  const documented = Object.entries(authenticityPaths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
    .sort();

  it('describes exactly the routes served', () => {
    expect(documented).toEqual(served);
  });

  it('documents every error as problem+json', () => {
    for (const [path, ops] of Object.entries(authenticityPaths)) {
      for (const [method, op] of Object.entries(
        ops as Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>,
      )) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400)
            expect([`${method} ${path} ${status}`, Object.keys(response.content ?? {})]).toEqual([
              `${method} ${path} ${status}`,
              ['application/problem+json'],
            ]);
        }
      }
    }
  });
});
