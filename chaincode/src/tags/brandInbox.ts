/**
 * The brand's inbox: alerts and consumer reports, written to the owning brand's implicit org collection (Fabric
 * private data: only the brand's peers hold the values, the block only their hashes) and read back only by a
 * brand-role member of that organisation, from its own collection — no argument names another org's.
 */
import type { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { authorize } from '../access/policy';
import { marshal, unmarshalJson } from '../marshal';
import { parseJsonArg, parseWith } from '../model/parse';
import { orgCollection } from '../state/keys';
import { sortableTime, txTime } from '../txContext';
import { TagKey, UNKNOWN_REGION } from './tagKeys';
import { Alert, Report } from './tagModel';

export type AlertDraft = Omit<Alert, 'alertId' | 'at' | 'txId' | 'region'> & { region?: string };

/** Numbers the alerts and reports of one transaction: IDs come from the tx ID, never from a clock or RNG. */
export class Inbox {
  private n = 0;
  constructor(private readonly ctx: Context) {}

  private nextId(): string {
    return `${this.ctx.stub.getTxID()}.${this.n++}`;
  }

  async alert(owner: string, draft: AlertDraft): Promise<Alert> {
    const at = txTime(this.ctx);
    const alert = parseWith(
      Alert,
      {
        ...draft,
        region: draft.region ?? draft.place?.country ?? UNKNOWN_REGION,
        alertId: this.nextId(),
        at,
        txId: this.ctx.stub.getTxID(),
      },
      'alert',
    );
    const key = this.ctx.stub.createCompositeKey(TagKey.alert, [
      alert.gtin,
      alert.region,
      sortableTime(at),
      alert.alertId,
    ]);
    await this.ctx.stub.putPrivateData(orgCollection(owner), key, marshal(alert));
    return alert;
  }

  async report(owner: string, draft: Omit<Report, 'reportId' | 'at' | 'txId'>): Promise<Report> {
    const at = txTime(this.ctx);
    const report = parseWith(
      Report,
      { ...draft, reportId: this.nextId(), at, txId: this.ctx.stub.getTxID() },
      'report',
    );
    const key = this.ctx.stub.createCompositeKey(TagKey.report, [
      report.gtin,
      sortableTime(at),
      report.reportId,
    ]);
    await this.ctx.stub.putPrivateData(orgCollection(owner), key, marshal(report));
    return report;
  }
}

export const InboxQuery = z.object({
  gtin: z
    .string()
    .regex(/^\d{14}$/)
    .optional(),
  region: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

async function readPrivate<S extends z.ZodType>(
  ctx: Context,
  collection: string,
  type: string,
  partial: string[],
  schema: S,
  limit: number,
): Promise<z.infer<S>[]> {
  const out: z.infer<S>[] = [];
  if (limit <= 0) return out;
  // Iterated with for-await (which closes the iterator on break): awaited, fabric-shim's private data queries
  // resolve to `{ iterator }`, not to the iterator its types promise (its getStateBy* unwrap it, these do not).
  for await (const kv of ctx.stub.getPrivateDataByPartialCompositeKey(collection, type, partial)) {
    const parsed = schema.safeParse(unmarshalJson(kv.value));
    if (parsed.success) out.push(parsed.data);
    if (out.length >= limit) break;
  }
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A private input from the transient map (Fabric keeps it out of the block): consumer text and places must
 * not reach every member's copy of the chain through the proposal's arguments.
 */
export function transientJson<S extends z.ZodType>(
  ctx: Context,
  name: string,
  schema: S,
): z.infer<S> | undefined {
  const bytes = ctx.stub.getTransient().get(name);
  if (!bytes || bytes.length === 0) return undefined;
  return parseJsonArg(schema, Buffer.from(bytes).toString('utf8'), `transient.${name}`);
}

export interface AlertSummary {
  readonly gtin: string;
  readonly region: string;
  readonly count: number;
  readonly reasons: Readonly<Record<string, number>>;
}

/** Alerts of the caller's own brand organisation, newest last, with counts per product and region. */
export async function listAlerts(
  ctx: Context,
  json: string,
): Promise<{ alerts: Alert[]; summary: AlertSummary[] }> {
  const caller = authorize(ctx, 'alerts.read');
  const q = parseJsonArg(InboxQuery, json, 'query');
  const partial = q.gtin === undefined ? [] : q.region === undefined ? [q.gtin] : [q.gtin, q.region];
  const all = await readPrivate(ctx, orgCollection(caller.mspId), TagKey.alert, partial, Alert, 100_000);
  const alerts = all.filter((a) => q.region === undefined || a.region === q.region);
  const groups = new Map<
    string,
    { gtin: string; region: string; count: number; reasons: Record<string, number> }
  >();
  for (const a of alerts) {
    const key = `${a.gtin}/${a.region}`;
    const g = groups.get(key) ?? { gtin: a.gtin, region: a.region, count: 0, reasons: {} };
    g.count++;
    for (const r of a.reasons) g.reasons[r] = (g.reasons[r] ?? 0) + 1;
    groups.set(key, g);
  }
  const summary = [...groups.keys()].sort().map((k) => groups.get(k)!);
  const byTime = alerts.sort((a, b) => (a.at === b.at ? cmp(a.alertId, b.alertId) : cmp(a.at, b.at)));
  return { alerts: byTime.slice(-q.limit), summary };
}

export async function listReports(ctx: Context, json: string): Promise<{ reports: Report[] }> {
  const caller = authorize(ctx, 'alerts.read');
  const q = parseJsonArg(InboxQuery, json, 'query');
  const reports = await readPrivate(
    ctx,
    orgCollection(caller.mspId),
    TagKey.report,
    q.gtin === undefined ? [] : [q.gtin],
    Report,
    q.limit,
  );
  const kept = reports.filter((r) => q.region === undefined || r.region === q.region);
  return { reports: kept.sort((a, b) => (a.at === b.at ? cmp(a.reportId, b.reportId) : cmp(a.at, b.at))) };
}
