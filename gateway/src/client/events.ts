/**
 * Chaincode events decoded with their payload schemas from `chaincode/src/api`: what the read models follow.
 * An event whose name the API does not list decodes to `undefined`; one whose payload does not match its
 * schema throws {@link ContractResultError}.
 */
import type { z } from 'zod';
import { EventPayload } from '../../../chaincode/src/api';
import type { ChaincodeEvent } from '../../../ledger/src';
import { decodeResult } from './decode';

type Payloads = typeof EventPayload;

/** One chaincode event, its payload decoded; `name` tells which payload it carries. */
export type TraceEvent = {
  [K in keyof Payloads]: { readonly name: K; readonly payload: z.output<Payloads[K]> };
}[keyof Payloads] & { readonly blockNumber: bigint; readonly txId: string };

const isKnown = (name: string): name is keyof Payloads => Object.hasOwn(EventPayload, name);

export function decodeEvent(event: ChaincodeEvent): TraceEvent | undefined {
  const name = event.eventName;
  if (!isKnown(name)) return undefined;
  const payload: unknown = decodeResult(name, EventPayload[name], event.payload);
  return { name, payload, blockNumber: event.blockNumber, txId: event.txId } as TraceEvent;
}
