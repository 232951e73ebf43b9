/**
 * The index form of an identifier an EPCIS event names in its what-dimension (epcList, childEPCs, quantity
 * lists, parentID). GS1 keys Trace resolves (SGTIN, LGTIN, SSCC, SGLN and their Digital Links) become their
 * canonical Digital Link, and a malformed one is still refused. Any other URI EPCIS 2.0 accepts there — other
 * EPC schemes (GIAI, GRAI, GDTI…), EPC class patterns such as `urn:epc:idpat:sgtin:4012345.098765.*` (EPCIS
 * 2.0 §7.3.3.3), a partner's own URNs — is indexed exactly as given, so such events can be recorded and found.
 */
import { invalid } from '../errors';
import { canonicalId } from '../model/gs1Keys';

const RESOLVED_EPC = /^urn:epc:(id|class):(sgtin|lgtin|sscc|sgln):/;
const RESOLVED_DL = /^https?:\/\/[^/]+\/(?:.*\/)?(01|00|414)\/\d/;
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

export function subjectId(value: string, field: string): string {
  if (RESOLVED_EPC.test(value) || RESOLVED_DL.test(value)) return canonicalId(value, field);
  if (value.length > 512 || !URI.test(value)) throw invalid(field, `${value} is not a URI`);
  return value;
}
