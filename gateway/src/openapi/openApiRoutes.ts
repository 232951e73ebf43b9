/** The OpenAPI description of the whole API, served by the gateway itself. */
import { Router } from 'express';
import { openApiDocument } from './openApiDocument';

export function openApiRoutes(): Router {
  const router = Router();
  const body = JSON.stringify(openApiDocument);
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(body);
  });
  return router;
}
