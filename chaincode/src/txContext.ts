/** The transaction's own facts: the only clock and the only source of fresh IDs a contract may use. */
import type { Context } from 'fabric-contract-api';
import type { Caller } from './access/policy';
import type { Provenance } from './model/common';

/** The transaction timestamp (set by the submitting client, the same on every endorser) as ISO 8601 UTC. */
export function txTime(ctx: Context): string {
  return ctx.stub.getDateTimestamp().toISOString();
}

export function provenanceOf(ctx: Context, caller: Caller): Provenance {
  return { mspId: caller.mspId, role: caller.role, txId: ctx.stub.getTxID(), recordedAt: txTime(ctx) };
}

/** An event time as a fixed-width UTC string, so composite keys sort by time. */
export function sortableTime(isoWithOffset: string): string {
  return new Date(isoWithOffset).toISOString();
}
