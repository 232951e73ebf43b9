/**
 * fabric-contract-api's own result serializer, as a Fabric peer's chaincode server runs it.
 *
 * On Fabric every transaction result that is not a string, including the built-in
 * `org.hyperledger.fabric:GetMetadata` the network script probes readiness with, goes through
 * `JSONSerializer.toBuffer`, which calls class-transformer's `classToPlain`. class-transformer 0.4.1 dropped
 * that export (fabric-contract-api 2.5 asks for ^0.4.0), so package.json pins 0.4.0 with an npm override.
 * The embedded ledger does not pass through this serializer, so without this test only a real network
 * would notice the pin going.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSONSerializer = require('fabric-contract-api/lib/jsontransactionserializer') as new () => {
  toBuffer(result: unknown, schema?: object, loggerPrefix?: string): Buffer | undefined;
};

describe('fabric-contract-api result serialization', () => {
  it('serialises an object result (as GetMetadata returns) to its JSON', () => {
    const metadata = {
      contracts: { trace: { name: 'trace', transactions: [{ name: 'Trace' }] } },
      info: { version: '1.0' },
    };
    const buffer = new JSONSerializer().toBuffer(metadata, {}, 'test');
    expect(JSON.parse(String(buffer))).toEqual(metadata);
  });
});
