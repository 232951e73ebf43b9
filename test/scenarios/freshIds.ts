/**
 * Identifiers no earlier run has used. The Fabric ledger persists across runs (until `./test-network.sh down`),
 * so every product, lot, serial, container and tag a scenario creates is new: GTINs are probed on the ledger,
 * lots and serials carry this run's token, containers and NFC UIDs are random.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { gs1CheckDigit } from '../../chaincode/src/api';
import { EndorsementError } from '../../ledger/src';
import type { ContractCalls } from '../helpers/contractCalls';

/** This run's token (8 hex characters), for lot numbers, serials and idempotency keys. */
export const RUN = randomBytes(4).toString('hex').toUpperCase();

const handedOut = new Set<string>();

/**
 * A GTIN-14 with no product on the ledger: indicator 1-9, the test company prefix 9506000 (GCP length 7, so EPC
 * URNs read `urn:epc:id:sgtin:9506000.<indicator><item ref>.<serial>`), a random item reference.
 */
export async function freshGtin(client: ContractCalls, reader: string): Promise<string> {
  for (;;) {
    const body = `${randomInt(1, 10)}9506000${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    const gtin = `${body}${gs1CheckDigit(body)}`;
    if (handedOut.has(gtin)) continue;
    try {
      await client.evaluate(reader, 'GetProduct', [gtin]);
    } catch (error) {
      if (error instanceof EndorsementError && error.chaincodeCode === 'NOT_FOUND') {
        handedOut.add(gtin);
        return gtin;
      }
      throw error;
    }
  }
}

/** An SSCC-18 under company prefix 9521234 with a random serial reference. */
export function freshSscc(): string {
  const body = `09521234${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/** A 7-byte NTAG 424 DNA UID (NXP manufacturer byte 04), 14 upper-case hex characters. */
export function freshNfcUid(): string {
  return `04${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** The SGTIN EPC URN of a serialised item of a {@link freshGtin}, written out from GS1 TDS §6.3.1. */
export function sgtinUrn(gtin: string, serial: string): string {
  return `urn:epc:id:sgtin:${gtin.slice(1, 8)}.${gtin[0]!}${gtin.slice(8, 13)}.${serial}`;
}
