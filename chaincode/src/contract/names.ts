/** Names of transactions and chaincode events, shared by the contract, the gateway and the tests. */

export const ChaincodeEventName = {
  ProductRegistered: 'ProductRegistered',
  LotRegistered: 'LotRegistered',
  LocationRegistered: 'LocationRegistered',
  EventsRecorded: 'EventsRecorded',
  ErrorDeclared: 'ErrorDeclared',
  LotRecalled: 'LotRecalled',
} as const;
export type ChaincodeEventName = (typeof ChaincodeEventName)[keyof typeof ChaincodeEventName];

export const Tx = {
  RegisterProduct: 'RegisterProduct',
  RegisterLot: 'RegisterLot',
  RegisterLocation: 'RegisterLocation',
  RecordEvents: 'RecordEvents',
  RecordScans: 'RecordScans',
  DeclareError: 'DeclareError',
  RecallLot: 'RecallLot',
  Trace: 'Trace',
  QueryEvents: 'QueryEvents',
  GetEvent: 'GetEvent',
  GetProduct: 'GetProduct',
  GetLot: 'GetLot',
  GetLocation: 'GetLocation',
  GetCommercialDetails: 'GetCommercialDetails',
  History: 'History',
} as const;
export type TxName = (typeof Tx)[keyof typeof Tx];

/** Transaction names of TagContract, qualified for `Proposal.fn`. */
export const TagTx = {
  CommissionTag: 'TagContract:CommissionTag',
  SetTagStatus: 'TagContract:SetTagStatus',
  GetTag: 'TagContract:GetTag',
  RecordTap: 'TagContract:RecordTap',
  RecordNfcScan: 'TagContract:RecordNfcScan',
  CheckEpcReads: 'TagContract:CheckEpcReads',
  FileReport: 'TagContract:FileReport',
  ListAlerts: 'TagContract:ListAlerts',
  ListReports: 'TagContract:ListReports',
} as const;
export type TagTxName = (typeof TagTx)[keyof typeof TagTx];
