/**
 * FSMA 204 Food Traceability Rule (21 CFR part 1 subpart S): the Critical Tracking Events and the Key Data
 * Elements the rule asks records of, per section, as the columns of the sortable spreadsheet FDA may request
 * (21 CFR 1.1455(c)(3)(ii): within 24 hours, electronic sortable spreadsheet). Every column cites the
 * paragraphs it answers, so a reviewer can check the sheet against the rule line by line.
 *
 * Sources: 21 CFR 1.1325 (harvesting (a), cooling before initial packing (b)), 1.1330 (initial packing of a
 * RAC), 1.1335 (first land-based receiving of food from a fishing vessel), 1.1340 (shipping), 1.1345
 * (receiving), 1.1350 (transformation). "Location description" is defined in 1.1310: business name, phone
 * number, physical address (or geographic coordinates).
 */

export const CTES = [
  'harvesting',
  'cooling',
  'initial_packing',
  'first_land_based_receiving',
  'shipping',
  'receiving',
  'transformation',
] as const;
export type Cte = (typeof CTES)[number];

/** The section of 21 CFR part 1 whose paragraph (a) lists each CTE's KDEs. */
export const CTE_SECTION: Readonly<Record<Cte, string>> = {
  harvesting: '1.1325(a)',
  cooling: '1.1325(b)',
  initial_packing: '1.1330(a)',
  first_land_based_receiving: '1.1335(a)',
  shipping: '1.1340(a)',
  receiving: '1.1345(a)',
  transformation: '1.1350(a)',
};

export interface KdeColumn {
  readonly key: string;
  readonly header: string;
  /** Rule paragraphs this column answers, e.g. `1.1340(a)(6)`. */
  readonly cites: readonly string[];
}

// prettier-ignore
export const KDE_COLUMNS: readonly KdeColumn[] = [
  { key: 'traceabilityLotCode', header: 'Traceability lot code', cites: ['1.1330(a)(11)', '1.1335(a)(1)', '1.1340(a)(1)', '1.1345(a)(1)', '1.1350(a)(2)(i)'] },
  { key: 'productDescription', header: 'Product description', cites: ['1.1330(a)(12)', '1.1340(a)(3)', '1.1345(a)(3)', '1.1350(a)(2)(iv)'] },
  { key: 'commodityVariety', header: 'Commodity and variety', cites: ['1.1325(a)(2)', '1.1325(b)(2)', '1.1330(a)(1)'] },
  { key: 'speciesMarketName', header: 'Species / acceptable market name', cites: ['1.1335(a)(2)'] },
  { key: 'quantity', header: 'Quantity', cites: ['1.1325(a)(3)', '1.1325(b)(3)', '1.1330(a)(3)', '1.1330(a)(13)', '1.1335(a)(3)', '1.1340(a)(2)', '1.1345(a)(2)', '1.1350(a)(2)(v)'] },
  { key: 'unitOfMeasure', header: 'Unit of measure', cites: ['1.1325(a)(3)', '1.1325(b)(3)', '1.1330(a)(3)', '1.1330(a)(13)', '1.1335(a)(3)', '1.1340(a)(2)', '1.1345(a)(2)', '1.1350(a)(2)(v)'] },
  { key: 'eventLocation', header: 'Location description of where the CTE took place', cites: ['1.1325(b)(4)', '1.1330(a)(14)', '1.1335(a)(5)', '1.1340(a)(5)', '1.1345(a)(5)', '1.1350(a)(2)(ii)'] },
  { key: 'eventDate', header: 'Date of the CTE (harvest, cooling, packing, receipt, shipment, transformation completed)', cites: ['1.1325(a)(7)', '1.1325(b)(6)', '1.1330(a)(15)', '1.1335(a)(6)', '1.1340(a)(6)', '1.1345(a)(6)', '1.1350(a)(2)(iii)'] },
  { key: 'immediateSubsequentRecipient', header: 'Location description of the immediate subsequent recipient', cites: ['1.1325(a)(1)', '1.1325(b)(1)', '1.1340(a)(4)'] },
  { key: 'immediatePreviousSource', header: 'Location description of the immediate previous source', cites: ['1.1345(a)(4)'] },
  { key: 'harvestFarm', header: 'Location description of the farm where harvested', cites: ['1.1325(a)(4)', '1.1325(b)(5)', '1.1330(a)(4)'] },
  { key: 'fieldName', header: 'Field or growing area name', cites: ['1.1325(a)(5)', '1.1330(a)(5)'] },
  { key: 'containerName', header: 'Aquaculture container name', cites: ['1.1325(a)(6)', '1.1330(a)(6)'] },
  { key: 'harvester', header: 'Harvester business name and phone', cites: ['1.1330(a)(7)'] },
  { key: 'harvestDate', header: 'Date of harvesting', cites: ['1.1330(a)(8)'] },
  { key: 'harvestTrip', header: 'Harvest date range and location of the fishing trip', cites: ['1.1335(a)(4)'] },
  { key: 'coolingLocation', header: 'Location description of where cooled', cites: ['1.1330(a)(9)'] },
  { key: 'coolingDate', header: 'Date of cooling', cites: ['1.1330(a)(10)'] },
  { key: 'receivedDate', header: 'Date the food was received (before initial packing)', cites: ['1.1330(a)(2)'] },
  { key: 'tlcSource', header: 'Location description of the traceability lot code source, or TLC source reference', cites: ['1.1340(a)(7)', '1.1345(a)(7)'] },
  { key: 'inputLots', header: 'Input foods: traceability lot code, product description, quantity and unit of measure', cites: ['1.1350(a)(1)'] },
  { key: 'referenceDocumentType', header: 'Reference document type', cites: ['1.1325(a)(8)', '1.1325(b)(7)', '1.1330(a)(16)', '1.1335(a)(7)', '1.1340(a)(8)', '1.1345(a)(8)', '1.1350(a)(2)(vi)'] },
  { key: 'referenceDocumentNumber', header: 'Reference document number', cites: ['1.1325(a)(8)', '1.1325(b)(7)', '1.1330(a)(16)', '1.1335(a)(7)', '1.1340(a)(8)', '1.1345(a)(8)', '1.1350(a)(2)(vi)'] },
];

/** Columns that identify a row but are not KDEs themselves. */
export const LEAD_COLUMNS: readonly KdeColumn[] = [
  { key: 'cte', header: 'Critical tracking event', cites: [] },
  { key: 'ruleSection', header: '21 CFR section', cites: [] },
  { key: 'eventTime', header: 'Event time (UTC)', cites: [] },
  { key: 'eventID', header: 'EPCIS eventID', cites: [] },
];

export const ALL_COLUMNS: readonly KdeColumn[] = [...LEAD_COLUMNS, ...KDE_COLUMNS];
export type KdeRow = Readonly<Record<string, string>>;
