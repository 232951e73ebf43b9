/**
 * The OpenAPI 3.1 description of the whole gateway API. Each area contributes its own paths file; the test
 * `test/gateway/openapi.test.ts` fails when a route is served but not described, or described but not served.
 */
import { components } from './components';
import { corePaths } from './corePaths';
import { authenticityPaths } from '../authenticity/openApiPaths';
import { epcisPaths } from '../epcis';
import { exportPaths } from '../exports';

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Trace gateway',
    version: '0.1.0',
    description:
      'Scans in (QR, RFID, NFC) as signed ledger transactions; public traces out (GS1 Digital Link resolver).',
  },
  paths: { ...corePaths, ...authenticityPaths, ...epcisPaths, ...exportPaths },
  components,
};
