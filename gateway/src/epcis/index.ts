/** EPCIS 2.0: the REST binding, its read model, and the documents it reads and writes. */
export { epcisRoutes, type EpcisRouteDeps, type EpcisRuntime } from './epcisRoutes';
export { CaptureJobs, type CaptureJob, type CaptureErrorBehaviour } from './captureJobs';
export { EpcisReadModel } from './readModel/readModel';
export { EpcisEventStore } from './readModel/eventStore';
export { epcisDocument, queryDocument, prepareEvent, EPCIS_CONTEXT } from './epcisDocument';
export { validateEpcisDocument, validateEpcisEvent } from './schema';
export { epcisPaths } from './openApiPaths';
