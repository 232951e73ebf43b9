/**
 * FabricLedger through the real @hyperledger/fabric-gateway client and real gRPC over TLS, against a stand-in for
 * the peer's Gateway service that answers as Fabric v2.5's `internal/pkg/gateway` does (status codes, ErrorDetails
 * in `grpc-status-details-bin`, commit status codes, chaincode event responses per block). It runs where no Fabric
 * network can; test/fabric/ runs the same paths against real peers.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { common, gateway as gp, google, peer } from '@hyperledger/fabric-protos';
import { createCertificateAuthority, issueIdentity } from '../msp';
import { EndorsementError, LedgerUnavailableError, ReadConflictError } from '../errors';
import type { ConnectionProfile, NodeEndpoint } from './connectionProfile';
import { FabricLedger } from './fabricLedger';

interface SeenProposal {
  txId: string;
  fn: string;
  args: string[];
  transient: Record<string, string>;
}
interface NodeError {
  code: grpc.status;
  message: string;
  details?: { mspId: string; address: string; message: string }[];
}
type Reply = { payload: string | Uint8Array; delayMs?: number } | { error: NodeError };
interface ScriptedEvent {
  block: number;
  txId: string;
  name: string;
  payload: string;
}
interface EventSubscription {
  events: ScriptedEvent[];
  /** End the stream after sending, as a peer shutting down does. */
  end: boolean;
}

const utf8 = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

function seen(
  signed: peer.SignedProposal | undefined,
  txId: string,
): { proposal: SeenProposal; header: common.Header } {
  const proposal = peer.Proposal.deserializeBinary(signed!.getProposalBytes_asU8());
  const cpp = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
  const spec = peer.ChaincodeInvocationSpec.deserializeBinary(cpp.getInput_asU8());
  const [fn, ...args] = (spec.getChaincodeSpec()?.getInput()?.getArgsList_asU8() ?? []).map(utf8);
  const transient: Record<string, string> = {};
  cpp.getTransientmapMap().forEach((value: Uint8Array | string, key: string) => {
    transient[key] = typeof value === 'string' ? value : utf8(value);
  });
  return {
    proposal: { txId, fn: fn ?? '', args, transient },
    header: common.Header.deserializeBinary(proposal.getHeader_asU8()),
  };
}

/** The envelope the Gateway service returns from Endorse, reduced to what the client reads: header and result. */
function preparedTransaction(header: common.Header, result: string | Uint8Array): common.Envelope {
  const response = new peer.Response();
  response.setStatus(200);
  response.setPayload(Buffer.from(result));
  const action = new peer.ChaincodeAction();
  action.setResponse(response);
  const prp = new peer.ProposalResponsePayload();
  prp.setExtension$(action.serializeBinary());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(prp.serializeBinary());
  const cap = new peer.ChaincodeActionPayload();
  cap.setAction(endorsed);
  const txAction = new peer.TransactionAction();
  txAction.setPayload(cap.serializeBinary());
  const tx = new peer.Transaction();
  tx.setActionsList([txAction]);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(tx.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope;
}

/** A gRPC error carrying Fabric ErrorDetails the way the Gateway service attaches them. */
function serviceError(e: NodeError): Partial<grpc.StatusObject> {
  const status = new google.rpc.Status();
  status.setCode(e.code);
  status.setMessage(e.message);
  for (const d of e.details ?? []) {
    const detail = new gp.ErrorDetail();
    detail.setMspId(d.mspId);
    detail.setAddress(d.address);
    detail.setMessage(d.message);
    const any = status.addDetails();
    any.setTypeUrl('type.googleapis.com/gateway.ErrorDetail');
    any.setValue(detail.serializeBinary());
  }
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(status.serializeBinary()));
  return { code: e.code, details: e.message, metadata };
}

function method(path: string, type: { deserializeBinary(b: Uint8Array): unknown }, responseStream = false) {
  const bytes = (m: { serializeBinary(): Uint8Array }): Buffer => Buffer.from(m.serializeBinary());
  return {
    path,
    requestStream: false,
    responseStream,
    requestSerialize: bytes,
    requestDeserialize: (b: Buffer) => type.deserializeBinary(b),
    responseSerialize: bytes,
    responseDeserialize: (b: Buffer) => b,
  };
}

class GatewayPeerDouble {
  readonly proposals: SeenProposal[] = [];
  /** The endorsing organisations each Endorse request named (empty: the Gateway service chooses). */
  readonly endorsingOrganizations: string[][] = [];
  readonly eventRequests: { startBlock: number | undefined; afterTransactionId: string }[] = [];
  evaluate: (p: SeenProposal) => Reply = () => ({ payload: '' });
  endorse: (p: SeenProposal) => Reply = () => ({ payload: '' });
  commit = { code: StatusCode.VALID as number, block: 7 };
  subscriptions: EventSubscription[] = [];
  private readonly server = new grpc.Server();

  async start(key: string, cert: string): Promise<number> {
    const reply = (r: Reply, done: (r: Reply) => void): void => {
      setTimeout(
        () => {
          done(r);
        },
        'payload' in r ? (r.delayMs ?? 0) : 0,
      );
    };
    const service = {
      Evaluate: method('/gateway.Gateway/Evaluate', gp.EvaluateRequest),
      Endorse: method('/gateway.Gateway/Endorse', gp.EndorseRequest),
      Submit: method('/gateway.Gateway/Submit', gp.SubmitRequest),
      CommitStatus: method('/gateway.Gateway/CommitStatus', gp.SignedCommitStatusRequest),
      ChaincodeEvents: method('/gateway.Gateway/ChaincodeEvents', gp.SignedChaincodeEventsRequest, true),
    };
    this.server.addService(service, {
      Evaluate: (
        call: grpc.ServerUnaryCall<gp.EvaluateRequest, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) => {
        const { proposal } = seen(call.request.getProposedTransaction(), call.request.getTransactionId());
        this.proposals.push(proposal);
        reply(this.evaluate(proposal), (r) => {
          if ('error' in r) {
            cb(serviceError(r.error));
            return;
          }
          const response = new peer.Response();
          response.setStatus(200);
          response.setPayload(Buffer.from(r.payload));
          const res = new gp.EvaluateResponse();
          res.setResult(response);
          cb(null, res);
        });
      },
      Endorse: (call: grpc.ServerUnaryCall<gp.EndorseRequest, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        const { proposal, header } = seen(
          call.request.getProposedTransaction(),
          call.request.getTransactionId(),
        );
        this.proposals.push(proposal);
        this.endorsingOrganizations.push(call.request.getEndorsingOrganizationsList());
        reply(this.endorse(proposal), (r) => {
          if ('error' in r) {
            cb(serviceError(r.error));
            return;
          }
          const res = new gp.EndorseResponse();
          res.setPreparedTransaction(preparedTransaction(header, r.payload));
          cb(null, res);
        });
      },
      Submit: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => {
        cb(null, new gp.SubmitResponse());
      },
      CommitStatus: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => {
        const res = new gp.CommitStatusResponse();
        res.setResult(this.commit.code as never);
        res.setBlockNumber(this.commit.block);
        cb(null, res);
      },
      ChaincodeEvents: (call: grpc.ServerWritableStream<gp.SignedChaincodeEventsRequest, unknown>) => {
        const request = gp.ChaincodeEventsRequest.deserializeBinary(call.request.getRequest_asU8());
        const start = request.getStartPosition();
        this.eventRequests.push({
          startBlock: start?.hasSpecified() ? start.getSpecified()!.getNumber() : undefined,
          afterTransactionId: request.getAfterTransactionId(),
        });
        const script = this.subscriptions[this.eventRequests.length - 1] ?? { events: [], end: false };
        for (const e of script.events) {
          const event = new peer.ChaincodeEvent();
          event.setChaincodeId('trace');
          event.setTxId(e.txId);
          event.setEventName(e.name);
          event.setPayload(Buffer.from(e.payload));
          const res = new gp.ChaincodeEventsResponse();
          res.setBlockNumber(e.block);
          res.setEventsList([event]);
          call.write(res);
        }
        if (script.end) call.end();
      },
    });
    const credentials = grpc.ServerCredentials.createSsl(
      null,
      [{ private_key: Buffer.from(key), cert_chain: Buffer.from(cert) }],
      false,
    );
    return new Promise((resolve, reject) => {
      this.server.bindAsync('127.0.0.1:0', credentials, (err, port) => {
        if (err) reject(err);
        else resolve(port);
      });
    });
  }

  stop(): void {
    this.server.forceShutdown();
  }
}

describe('FabricLedger over the Gateway protocol', () => {
  const HOST = 'peer0.producers.trace.local';
  let dir: string;
  let double: GatewayPeerDouble;
  let ledger: FabricLedger;
  let profile: ConnectionProfile;
  let peerEndpoint: NodeEndpoint;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trace-fabric-wire-'));
    const tlsCa = await createCertificateAuthority('ProducersMSP');
    // CN only, no SAN: Node's TLS check falls back to the CN, which is what the client's name override names.
    const tls = await issueIdentity(tlsCa, { mspId: 'ProducersMSP', name: HOST, role: 'peer' });
    await writeFile(join(dir, 'tlsca.pem'), tlsCa.certPem);
    const ca = await createCertificateAuthority('ProducersMSP');
    const farmer = await issueIdentity(ca, { mspId: 'ProducersMSP', name: 'farmer', role: 'producer' });
    const walletUser = join(dir, 'wallet', 'ProducersMSP', 'farmer');
    await mkdir(walletUser, { recursive: true });
    await writeFile(join(walletUser, 'cert.pem'), farmer.certPem);
    await writeFile(join(walletUser, 'key.pem'), farmer.keyPem);
    double = new GatewayPeerDouble();
    const port = await double.start(tls.keyPem, tls.certPem);
    peerEndpoint = {
      name: 'peer0',
      endpoint: `127.0.0.1:${port}`,
      hostnameOverride: HOST,
      tlsCACert: join(dir, 'tlsca.pem'),
    };
    profile = {
      channel: 'trace',
      chaincode: 'trace',
      wallet: join(dir, 'wallet'),
      organizations: { ProducersMSP: { mspId: 'ProducersMSP', peers: [peerEndpoint], users: [] } },
      orderers: [],
    };
    ledger = await FabricLedger.connect({ connectionProfile: profile, deadlines: { evaluateMs: 1_000 } });
  });

  afterAll(async () => {
    await ledger.close();
    double.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('submits with arguments and transient data, and returns the committed result and block', async () => {
    double.endorse = () => ({ payload: '{"gtin":"09506000134352"}' });
    double.commit = { code: StatusCode.VALID, block: 42 };
    const result = await ledger.submit({
      user: 'ProducersMSP/farmer',
      fn: 'TraceContract:RegisterProduct',
      args: ['{"gtin":"09506000134352"}'],
      transient: { price: Buffer.from('12.50') },
    });
    const sent = double.proposals.at(-1)!;
    expect(sent).toEqual({
      txId: result.txId,
      fn: 'TraceContract:RegisterProduct',
      args: ['{"gtin":"09506000134352"}'],
      transient: { price: '12.50' },
    });
    // Transient data: the ledger names the endorsing orgs itself (the caller's, and one other if there is one).
    expect(double.endorsingOrganizations.at(-1)).toEqual(['ProducersMSP']);
    expect(result.blockNumber).toBe(42n);
    expect(utf8(result.result)).toBe('{"gtin":"09506000134352"}');
  });

  it("decodes the chaincode's refusal from the ErrorDetails of a failed endorsement", async () => {
    double.endorse = () => ({
      error: {
        code: grpc.status.ABORTED,
        message: 'failed to endorse transaction, see attached details for more info',
        details: [
          {
            mspId: 'ProducersMSP',
            address: '127.0.0.1:7110',
            message:
              'chaincode response 500, ALREADY_EXISTS: product.gtin: 09506000134352 is already registered',
          },
        ],
      },
    });
    const err: unknown = await ledger
      .submit({ user: 'ProducersMSP/farmer', fn: 'RegisterProduct', args: ['{}'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EndorsementError);
    expect((err as EndorsementError).chaincodeCode).toBe('ALREADY_EXISTS');
  });

  it('turns an MVCC_READ_CONFLICT commit status into a ReadConflictError for the same transaction', async () => {
    double.endorse = () => ({ payload: 'ok' });
    double.commit = { code: StatusCode.MVCC_READ_CONFLICT, block: 43 };
    const err: unknown = await ledger
      .submit({ user: 'ProducersMSP/farmer', fn: 'RecordEvents', args: ['[]'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReadConflictError);
    expect((err as ReadConflictError).txId).toBe(double.proposals.at(-1)!.txId);
  });

  it('gives up on a slow evaluate at its deadline with LedgerUnavailableError', async () => {
    double.evaluate = () => ({ payload: 'late', delayMs: 3_000 });
    const started = Date.now();
    const err: unknown = await ledger
      .evaluate({ user: 'ProducersMSP/farmer', fn: 'GetProduct', args: ['x'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("evaluates on the org's second peer when its first cannot be reached", async () => {
    double.evaluate = (p) => ({ payload: `product ${p.args[0] ?? ''}` });
    const dead = { ...peerEndpoint, name: 'peer-dead', endpoint: '127.0.0.1:1' };
    const twoPeers = await FabricLedger.connect({
      connectionProfile: {
        ...profile,
        organizations: { ProducersMSP: { mspId: 'ProducersMSP', peers: [dead, peerEndpoint], users: [] } },
      },
    });
    try {
      expect(
        utf8(await twoPeers.evaluate({ user: 'ProducersMSP/farmer', fn: 'GetProduct', args: ['A'] })),
      ).toBe('product A');
    } finally {
      await twoPeers.close();
    }
  });

  it('re-subscribes after the last event its consumer finished with when the stream ends', async () => {
    double.subscriptions = [
      {
        events: [
          { block: 5, txId: 'tx-a', name: 'ProductRegistered', payload: 'a' },
          { block: 6, txId: 'tx-b', name: 'LotRegistered', payload: 'b' },
        ],
        end: true,
      },
      { events: [{ block: 7, txId: 'tx-c', name: 'EventsRecorded', payload: 'c' }], end: false },
    ];
    double.eventRequests.length = 0;
    const received: string[] = [];
    const stream = await ledger.events({ startBlock: 5n });
    try {
      for await (const event of stream) {
        received.push(`${event.blockNumber}:${event.txId}:${event.eventName}:${utf8(event.payload)}`);
        if (event.txId === 'tx-c') break;
      }
    } finally {
      stream.close();
    }
    expect(received).toEqual([
      '5:tx-a:ProductRegistered:a',
      '6:tx-b:LotRegistered:b',
      '7:tx-c:EventsRecorded:c',
    ]);
    // The second subscription starts after tx-b, not again at startBlock.
    expect(double.eventRequests).toEqual([
      { startBlock: 5, afterTransactionId: '' },
      { startBlock: 6, afterTransactionId: 'tx-b' },
    ]);
  });

  it('pins a stream of only new events to the chain height, so a reconnect cannot skip blocks', async () => {
    const info = new common.BlockchainInfo();
    info.setHeight(1234);
    double.evaluate = (p) =>
      p.fn === 'GetChainInfo' ? { payload: info.serializeBinary() } : { payload: '' };
    double.subscriptions = [
      { events: [], end: true },
      { events: [{ block: 1240, txId: 'tx-d', name: 'LotRecalled', payload: 'd' }], end: false },
    ];
    double.eventRequests.length = 0;
    const stream = await ledger.events();
    try {
      for await (const event of stream) {
        expect(event.txId).toBe('tx-d');
        break;
      }
    } finally {
      stream.close();
    }
    expect(double.eventRequests).toEqual([
      { startBlock: 1234, afterTransactionId: '' },
      { startBlock: 1234, afterTransactionId: '' },
    ]);
    expect(double.proposals.filter((p) => p.fn === 'GetChainInfo')).toEqual([
      expect.objectContaining({ args: ['trace'] }),
    ]);
  });

  it('ends an iteration cleanly when the stream is closed while it is still subscribing', async () => {
    const info = new common.BlockchainInfo();
    info.setHeight(50);
    double.evaluate = () => ({ payload: info.serializeBinary(), delayMs: 500 });
    double.eventRequests.length = 0;
    const stream = await ledger.events();
    const next = stream[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    stream.close();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
    expect(double.eventRequests).toEqual([]);
  });
});
