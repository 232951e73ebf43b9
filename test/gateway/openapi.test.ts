/**
 * The served OpenAPI description and the routes the app really serves are the same set: a route added without
 * a description (or a description left behind) fails here.
 */
import request from 'supertest';
import { startGateway, type TempGateway } from '../helpers/tempGateway';

let gw: TempGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => gw.close());

interface Layer {
  rawPath?: unknown;
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) the Express app routes, walking nested routers and their mount paths. */
function served(stack: Layer[], prefix = ''): { method: string; path: string | RegExp }[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = layer.route.path;
      return Object.keys(layer.route.methods).map((method) => ({
        method,
        path: typeof path === 'string' ? prefix + path : path,
      }));
    }
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    return layer.handle?.stack ? served(layer.handle.stack, prefix + mount) : [];
  });
}

/** Sample values for path templates, to test regex routes against documented paths. */
const SAMPLE: Record<string, string> = {
  gtin: '09506000134352',
  lot: 'L1',
  serial: 'S1',
  format: 'png',
  scanId: 'x',
  eventId: 'e',
  eventID: 'e',
  id: 'i',
};
const instantiate = (template: string): string =>
  template.replace(/\{(\w+)\}/g, (_m, name: string) => SAMPLE[name] ?? 'v');

describe('OpenAPI description', () => {
  it('is served as JSON and describes every route the app serves, and nothing else', async () => {
    const res = await request(gw.app).get('/openapi.json').expect(200);
    const doc = res.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method, path })),
    );
    const routes = served((gw.app as unknown as { router: { stack: Layer[] } }).router.stack);

    const describes = (
      route: { method: string; path: string | RegExp },
      doc: { method: string; path: string },
    ) =>
      route.method === doc.method &&
      (typeof route.path === 'string'
        ? route.path.replace(/:(\w+)/g, '{$1}') === doc.path
        : route.path.test(instantiate(doc.path)));

    const undocumented = routes
      .filter((r) => !documented.some((d) => describes(r, d)))
      .map((r) => `${r.method} ${String(r.path)}`);
    const unserved = documented
      .filter((d) => !routes.some((r) => describes(r, d)))
      .map((d) => `${d.method} ${d.path}`);
    expect(undocumented).toEqual([]);
    expect(unserved).toEqual([]);
  });

  it('documents every error as problem+json', async () => {
    const doc = (await request(gw.app).get('/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
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
