/**
 * Consumers' counterfeit reports: the public page's report button. The gateway files it (signed by the
 * owning brand's service identity) into the brand's private collection; nobody else can read it.
 */
import type { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { authorize } from '../access/policy';
import { parseJsonArg } from '../model/parse';
import { Store } from '../state/store';
import { Inbox, transientJson } from './brandInbox';
import { UNKNOWN_REGION } from './tagKeys';
import { findTag, TagSelector } from './tagRegistry';

export const ReportInput = z.object({
  tag: TagSelector,
  verdict: z.enum(['genuine', 'not_verified', 'none']),
  region: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

/** The consumer's own words travel in the transient map under `message`, never in the block. */
const Message = z.string().trim().min(1).max(1000);

export async function fileReport(ctx: Context, json: string): Promise<{ reportId: string }> {
  authorize(ctx, 'tag.tap');
  const input = parseJsonArg(ReportInput, json, 'report');
  const message = transientJson(ctx, 'message', Message);
  const tag = await findTag(new Store(ctx), input.tag, 'report.tag');
  const report = await new Inbox(ctx).report(tag.owner, {
    item: tag.item,
    gtin: tag.gtin,
    tagId: tag.tagId,
    verdict: input.verdict,
    ...(message !== undefined ? { message } : {}),
    region: input.region ?? UNKNOWN_REGION,
  });
  return { reportId: report.reportId };
}
