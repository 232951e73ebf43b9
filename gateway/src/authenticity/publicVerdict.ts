/**
 * What an anonymous consumer is told about a tap: genuine, could not verify, or reported — and for every
 * failure the same words, whatever the reason (forged, replayed, cloned, unknown, inactive), so the answer
 * teaches a counterfeiter nothing about which check caught them.
 */
import { z } from 'zod';
import { PublicTrace } from '../lookup';

export const PUBLIC_VERDICTS = ['genuine', 'not_verified', 'reported'] as const;
export type PublicVerdictKind = (typeof PUBLIC_VERDICTS)[number];

export const MESSAGES: Readonly<Record<PublicVerdictKind, string>> = {
  genuine: 'Genuine product. This tag was verified by its brand just now.',
  not_verified: 'We could not verify this product. If you were told it is genuine, please report it below.',
  reported: 'Thank you. Your report has been sent to the brand.',
};

export const PublicVerdict = z.object({
  verdict: z.enum(PUBLIC_VERDICTS),
  message: z.string(),
  /** The verified item's public identity and journey page, for a genuine tap only. */
  item: z.object({ id: z.string(), gtin: z.string(), serial: z.string() }).optional(),
  journeyUrl: z.string().optional(),
  /** The item's public journey (the same projection the Digital Link page shows), for a genuine tap only. */
  trace: PublicTrace.optional(),
});
export type PublicVerdict = z.infer<typeof PublicVerdict>;

export const notVerified = (): PublicVerdict => ({ verdict: 'not_verified', message: MESSAGES.not_verified });
export const reported = (): PublicVerdict => ({ verdict: 'reported', message: MESSAGES.reported });

/** HTTP status of a public verdict: one status for every failure, like one message. */
export const statusOf = (v: PublicVerdict): number => (v.verdict === 'not_verified' ? 422 : 200);
