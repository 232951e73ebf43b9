/**
 * EPC-bank decoding for the 96-bit GS1 schemes a reader reports (EPC Tag Data Standard 2.x, §14).
 * epc-tds does the bit unpacking; this module adds what it does not check (length, hex, partition overflow)
 * and derives the GS1 keys and the canonical Digital Link from its URIs.
 */
import TDS from 'epc-tds';
import { gs1CheckDigit } from '../../../../chaincode/src/api';
import { ScanDecodeError } from './scanDecodeError';

/** The EPC schemes this gateway decodes. */
export type EpcScheme = 'sgtin-96' | 'sscc-96' | 'sgln-96' | 'grai-96';

interface EpcCommon {
  /** EPC-bank hex, upper-case, 24 characters. */
  readonly hex: string;
  /** Filter value (bits 8–10), 0–7. */
  readonly filter: number;
  /** Partition value (bits 11–13), 0–6; fixes the digit split between company prefix and reference. */
  readonly partition: number;
  /** GS1 Company Prefix with its leading zeros. */
  readonly companyPrefix: string;
  /** `urn:epc:id:…` pure identity URI. */
  readonly pureIdentityUri: string;
  /** `urn:epc:tag:…-96:…` tag URI (carries the filter). */
  readonly tagUri: string;
  /** Canonical GS1 Digital Link URI for the same identity. */
  readonly digitalLink: string;
}

/** A serialised trade item. */
export interface Sgtin96Epc extends EpcCommon {
  readonly scheme: 'sgtin-96';
  /** Indicator digit followed by the item reference. */
  readonly itemReference: string;
  readonly gtin14: string;
  /** Serial number, decimal without leading zeros (38-bit integer in SGTIN-96). */
  readonly serial: string;
}

/** A logistic unit (pallet, case). */
export interface Sscc96Epc extends EpcCommon {
  readonly scheme: 'sscc-96';
  /** Extension digit followed by the serial reference. */
  readonly serialReference: string;
  /** 18-digit SSCC with check digit. */
  readonly sscc: string;
}

/** A physical location. */
export interface Sgln96Epc extends EpcCommon {
  readonly scheme: 'sgln-96';
  readonly locationReference: string;
  /** 13-digit GLN with check digit. */
  readonly gln: string;
  /** GLN extension (AI 254); absent when the EPC carries 0, which TDS reserves for "no extension". */
  readonly glnExtension?: string;
}

/** A returnable asset (crate, pallet skid). */
export interface Grai96Epc extends EpcCommon {
  readonly scheme: 'grai-96';
  readonly assetType: string;
  /** Element string value of AI (8003): "0" + 13-digit GRAI with check digit + serial. */
  readonly grai: string;
  readonly serial: string;
}

/** A decoded 96-bit EPC, discriminated by `scheme`. */
export type DecodedEpc = Sgtin96Epc | Sscc96Epc | Sgln96Epc | Grai96Epc;

/** Options for {@link decodeEpcHex}. */
export interface DecodeEpcOptions {
  /** Base of the Digital Link (scheme, host, optional path prefix). Default `https://id.gs1.org`. */
  readonly digitalLinkBase?: string;
}

const HEADERS: ReadonlyMap<number, EpcScheme> = new Map<number, EpcScheme>([
  [0x30, 'sgtin-96'],
  [0x31, 'sscc-96'],
  [0x32, 'sgln-96'],
  [0x33, 'grai-96'],
]);

/** Digits of company prefix + the second field, which the partition splits (TDS §14.5 partition tables). */
const TOTAL_DIGITS: Readonly<Record<EpcScheme, number>> = {
  'sgtin-96': 13,
  'sscc-96': 17,
  'sgln-96': 12,
  'grai-96': 12,
};

/**
 * Decodes EPC-bank hex (case-insensitive, exactly 24 hex characters) of an SGTIN-96, SSCC-96, SGLN-96 or GRAI-96.
 * @throws {@link ScanDecodeError} `EPC_MALFORMED` or `EPC_UNSUPPORTED_SCHEME`.
 */
export function decodeEpcHex(hex: unknown, options: DecodeEpcOptions = {}): DecodedEpc {
  if (typeof hex !== 'string' || !/^[0-9A-Fa-f]{24}$/.test(hex)) {
    throw new ScanDecodeError('EPC_MALFORMED', 'epc', 'expected exactly 24 hex characters (a 96-bit EPC)');
  }
  const upper = hex.toUpperCase();
  const header = parseInt(upper.slice(0, 2), 16);
  const scheme = HEADERS.get(header);
  if (scheme === undefined) {
    throw new ScanDecodeError(
      'EPC_UNSUPPORTED_SCHEME',
      'epc',
      `header 0x${upper.slice(0, 2)} is not SGTIN-96, SSCC-96, SGLN-96 or GRAI-96`,
    );
  }
  const second = parseInt(upper.slice(2, 4), 16);
  const filter = second >> 5;
  const partition = (second >> 2) & 0b111;
  // TDS §14.5: partition value 7 is reserved; a decoder must reject it.
  if (partition === 7) throw new ScanDecodeError('EPC_MALFORMED', 'epc', 'partition value 7 is reserved');

  let pureIdentityUri: string;
  let tagUri: string;
  try {
    const epc = TDS.valueOf(upper);
    pureIdentityUri = epc.toIdURI();
    tagUri = epc.toTagURI();
  } catch (cause) {
    throw new ScanDecodeError('EPC_MALFORMED', 'epc', `cannot decode ${scheme}`, { cause });
  }
  const parts = pureIdentityUri.replace(/^urn:epc:id:[a-z]+:/, '').split('.');
  const [companyPrefix = '', reference = '', third = ''] = parts;
  // TDS §14.3.x: a field whose value needs more digits than the partition allows is not a valid encoding;
  // epc-tds prints such values unchecked, so the digit counts tell us.
  if (
    companyPrefix.length !== 12 - partition ||
    companyPrefix.length + reference.length !== TOTAL_DIGITS[scheme] ||
    !/^\d+$/.test(companyPrefix + reference)
  ) {
    throw new ScanDecodeError(
      'EPC_MALFORMED',
      'epc',
      `a field overflows partition ${partition} of ${scheme}`,
    );
  }
  const base = (options.digitalLinkBase ?? 'https://id.gs1.org').replace(/\/+$/, '');
  const common = { hex: upper, filter, partition, companyPrefix, pureIdentityUri, tagUri };
  switch (scheme) {
    case 'sgtin-96': {
      const data = reference.slice(0, 1) + companyPrefix + reference.slice(1);
      const gtin14 = data + gs1CheckDigit(data);
      const digitalLink = `${base}/01/${gtin14}/21/${third}`;
      return { scheme, ...common, itemReference: reference, gtin14, serial: third, digitalLink };
    }
    case 'sscc-96': {
      const data = reference.slice(0, 1) + companyPrefix + reference.slice(1);
      const sscc = data + gs1CheckDigit(data);
      return { scheme, ...common, serialReference: reference, sscc, digitalLink: `${base}/00/${sscc}` };
    }
    case 'sgln-96': {
      const gln = companyPrefix + reference + gs1CheckDigit(companyPrefix + reference);
      const hasExtension = third !== '0';
      const digitalLink = `${base}/414/${gln}` + (hasExtension ? `/254/${third}` : '');
      return {
        scheme,
        ...common,
        locationReference: reference,
        gln,
        ...(hasExtension ? { glnExtension: third } : {}),
        digitalLink,
      };
    }
    case 'grai-96': {
      const grai13 = companyPrefix + reference + gs1CheckDigit(companyPrefix + reference);
      // AI (8003) is N14 + X..16: the 13-digit GRAI is padded with a leading zero before the serial.
      const grai = `0${grai13}${third}`;
      return {
        scheme,
        ...common,
        assetType: reference,
        grai,
        serial: third,
        digitalLink: `${base}/8003/${grai}`,
      };
    }
  }
}
