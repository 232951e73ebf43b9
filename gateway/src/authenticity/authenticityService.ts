/**
 * Use cases of the anti-counterfeit check. Public taps: verify the SUN MAC with the brand's keys, let the ledger
 * judge replay and clones, answer one of three verdicts. Member taps: the same, recorded as a passage record
 * through the durable outbox under an idempotency key derived from (UID, counter). Reports, RFID checks,
 * commissioning and the brand's inbox are thin passes to TagContract, signed by the right identity.
 */
import { z } from 'zod';
import { parseGs1Key, Place, type TapAnswer } from '../../../chaincode/src/api';
import { HttpProblem, notFound } from '../http/problem';
import type { Outbox, OutboxEntry } from '../outbox/outbox';
import { placeUri } from '../scans/passageEvents';
import { EndorsementError, ReadConflictError, type Ledger } from '../../../ledger/src';
import { TapVerifier, type NfcKeyProvider, type VerifiedTap } from './nfc';
import { buildDigitalLink, ScanDecodeError } from '../scans/decode';
import { MESSAGES, notVerified, reported, type PublicVerdict } from './publicVerdict';
import { ReplayMemory } from './replayMemory';
import { TraceClient } from '../client';

export const NfcScanRequest = z.object({
  url: z.string().min(1).max(2048),
  bizStep: z.string().min(1).max(200).default('inspecting'),
  /** Read point: a GLN, SGLN URN or Digital Link /414/… URL. */
  location: z.union([z.string().regex(/^\d{13}$/), z.string().startsWith('urn:epc:id:sgln:'), z.url()]),
  disposition: z.string().min(1).max(200).optional(),
  eventTime: z.iso.datetime({ offset: true }).optional(),
});
export type NfcScanRequest = z.infer<typeof NfcScanRequest>;

export interface MemberScanOutcome {
  readonly entry: OutboxEntry;
  readonly duplicate: boolean;
}

export interface AuthenticityDeps {
  readonly ledger: Ledger;
  readonly outbox: Outbox;
  readonly keys: NfcKeyProvider;
  readonly syncWaitMs: number;
}

/** A ledger item ID → its GTIN and serial (`https://id.gs1.org/01/{gtin}/21/{serial}`). */
function itemParts(item: string): { id: string; gtin: string; serial: string } | undefined {
  try {
    const key = parseGs1Key(item, 'item');
    return key.kind === 'item' ? { id: item, gtin: key.gtin, serial: key.serial } : undefined;
  } catch {
    return undefined;
  }
}

export class AuthenticityService {
  readonly verifier: TapVerifier;
  readonly client: TraceClient;
  private readonly replays = new ReplayMemory();

  constructor(private readonly deps: AuthenticityDeps) {
    this.verifier = new TapVerifier(deps.keys);
    this.client = new TraceClient(deps.ledger);
  }

  /** The MAC-verified tap, or undefined for anything that is not one (malformed, forged, other keys). */
  private async verified(url: string): Promise<VerifiedTap | undefined> {
    try {
      return await this.verifier.verify(url);
    } catch (error) {
      if (error instanceof ScanDecodeError) return undefined;
      throw error;
    }
  }

  /**
   * A consumer's tap. Nothing reaches the ledger unless the MAC verifies, so random and forged URLs change
   * nothing. `journeyBase` turns the item into its public journey URL.
   */
  async publicTap(url: string, place: unknown, journeyBase: string): Promise<PublicVerdict> {
    const tap = await this.verified(url);
    if (!tap) return notVerified();
    const seenKey = `${tap.brand.keyId}/${tap.uid}/${tap.counter}`;
    if (this.replays.has(seenKey)) return notVerified();
    const parsedPlace = Place.safeParse(place);
    const arg = { uid: tap.uid, counter: tap.counter, keyOwner: tap.brand.mspId };
    let answer: TapAnswer;
    try {
      answer = await this.client.recordTap(
        tap.brand.signer,
        arg,
        parsedPlace.success ? { place: parsedPlace.data } : undefined,
      );
    } catch (error) {
      // Two taps of one tag racing: the other one won the counter; this URL is judged again against it.
      if (!(error instanceof ReadConflictError)) throw error;
      answer = await this.client.recordTap(tap.brand.signer, arg);
    }
    const item = answer.genuine && answer.item !== undefined ? itemParts(answer.item) : undefined;
    if (!answer.genuine || !item) {
      this.replays.remember(seenKey);
      return notVerified();
    }
    return {
      verdict: 'genuine',
      message: MESSAGES.genuine,
      item,
      journeyUrl: buildDigitalLink(journeyBase, { gtin: item.gtin, serial: item.serial }),
    };
  }

  /** A member's tap at a stage: verified here, judged and recorded by the ledger via the outbox. */
  async memberScan(member: string, request: NfcScanRequest): Promise<MemberScanOutcome> {
    const tap = await this.verifier.verify(request.url); // ScanDecodeError → 400 naming the field
    const scanId = `nfc:${tap.uid}:${tap.counter}`;
    const eventTime =
      request.eventTime !== undefined ? new Date(request.eventTime).toISOString() : new Date().toISOString();
    const arg = {
      idempotencyKey: scanId,
      uid: tap.uid,
      counter: tap.counter,
      keyOwner: tap.brand.mspId,
      readPoint: placeUri(request.location),
      bizStep: request.bizStep,
      eventTime,
      ...(request.disposition !== undefined ? { disposition: request.disposition } : {}),
    };
    const { entry, duplicate } = await this.deps.outbox.accept(scanId, { user: member, recordNfcScan: arg });
    if (duplicate && entry.user !== member) {
      // Another member already presented this very tap: a retry is only a retry from the same member.
      const { idempotencyKey: _k, bizStep: _b, eventTime: _t, disposition: _d, ...replay } = arg;
      await this.client.recordTap(member, replay);
      throw tapNotVerified();
    }
    const settled = duplicate ? entry : await this.deps.outbox.settled(scanId, this.deps.syncWaitMs);
    return { entry: settled ?? entry, duplicate };
  }

  /**
   * A consumer's report, tied to a tag by its tap URL (MAC verified; a replayed URL is fine: the consumer may be
   * reporting exactly that) or by the item's Digital Link from the journey page. Filed by the owner's signer.
   */
  async report(input: {
    url?: string;
    item?: string;
    seen?: string;
    message?: string;
    region?: string;
  }): Promise<PublicVerdict> {
    const brands = await this.deps.keys.brands();
    let signer: string | undefined;
    let tag: Record<string, string>;
    if (input.url !== undefined) {
      const tap = await this.verified(input.url);
      if (!tap) throw new HttpProblem(422, 'TAP_NOT_VERIFIED', 'Could not verify', MESSAGES.not_verified);
      signer = tap.brand.signer;
      tag = { nfcUid: tap.uid };
    } else if (input.item !== undefined) {
      const reader = brands[0]?.signer;
      if (reader === undefined) throw notFound('no brand is served here');
      const found = await this.client.getTag(reader, { item: input.item }).catch((error: unknown) => {
        if (error instanceof EndorsementError) throw notFound('no tag is bound to this product');
        throw error;
      });
      signer = brands.find((b) => b.mspId === found.owner)?.signer;
      tag = { item: input.item };
    } else {
      throw new HttpProblem(400, 'INVALID_REQUEST', 'Bad request', 'give the tap URL or the item', 'url');
    }
    if (signer === undefined) throw notFound('the brand of this product does not take reports here');
    const seen = input.seen === 'genuine' || input.seen === 'not_verified' ? input.seen : 'none';
    const region = input.region !== undefined && /^[A-Z]{2}$/.test(input.region) ? input.region : undefined;
    const message = input.message?.trim().slice(0, 1000);
    await this.client.fileReport(
      signer,
      { tag, verdict: seen, ...(region ? { region } : {}) },
      message ? { message } : undefined,
    );
    return reported();
  }
}

export const tapNotVerified = (): HttpProblem =>
  new HttpProblem(422, 'TAP_NOT_VERIFIED', 'Could not verify', MESSAGES.not_verified);
