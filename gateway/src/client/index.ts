/** The gateway's client over the contracts: typed methods, decoded results. */
export { TraceClient, type PrivateInputs, type Submitted } from './traceClient';
export { ContractResultError } from './decode';
export { decodeEvent, type TraceEvent } from './events';
export { EventFollower, type FollowHandlers } from './eventFollower';
