/**
 * Scans in through HTTP: QR Digital Links and RFID batches (JSON and protobuf) become passage records signed by
 * the caller's own identity; bad input is a 4xx problem+json and changes nothing; retries count once. A QR scan
 * recorded, retried and looked up is a shared scenario: test/scenarios/qrScan.test.ts.
 */
import request from 'supertest';
import { encodeScanFrame } from '../../gateway/src/scans/decode';
import { startGateway, type TempGateway } from '../helpers/tempGateway';
import { Users } from '../helpers/tempLedger';
import sgtinVectors from '../fixtures/vectors/sgtin96.json';

let gw: TempGateway;
const lotLink = 'https://brand.example/p/01/09506000134352/10/LOT-QR-1';
const SGTIN_HEX = sgtinVectors.vectors[0]!.hex; // urn:epc:id:sgtin:0614141.812345.6789

beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => gw.close());

const journey = async (id: string) => {
  const res = await request(gw.app).get('/trace').query({ id }).expect(200);
  return (res.body as { stages: { step: string }[] }).stages;
};

describe('QR scans', () => {
  const scan = {
    digitalLink: lotLink,
    bizStep: 'receiving',
    location: '9521234000006',
    eventTime: '2026-10-01T09:00:00+02:00',
    device: 'phone-7',
  };

  it.each([
    [
      'a wrong GTIN check digit',
      { digitalLink: 'https://brand.example/01/09506000134353/10/X' },
      'GTIN_CHECK_DIGIT',
    ],
    [
      'qualifiers out of order',
      { digitalLink: 'https://brand.example/01/09506000134352/21/S/10/L' },
      'DIGITAL_LINK_QUALIFIER_ORDER',
    ],
    ['not a Digital Link', { digitalLink: 'hello' }, 'DIGITAL_LINK_INVALID'],
    [
      'no lot or serial',
      { digitalLink: 'https://brand.example/01/09506000134352' },
      'DIGITAL_LINK_NO_LOT_OR_SERIAL',
    ],
    ['a GLN with 12 digits', { location: '952123400000' }, 'INVALID_REQUEST'],
  ])('refuses %s with a problem+json 400 and records nothing', async (_what, patch, code) => {
    const before = gw.ledger.submitted;
    const res = await request(gw.app)
      .post('/scans/qr')
      .set(gw.auth(Users.carrier))
      .send({ ...scan, eventTime: '2026-10-02T09:00:00Z', ...patch })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code });
    expect(typeof res.body.title).toBe('string');
    expect(gw.ledger.submitted).toBe(before);
  });

  it('refuses anonymous writers', async () => {
    const res = await request(gw.app).post('/scans/qr').send(scan).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('limits body size', async () => {
    const res = await request(gw.app)
      .post('/scans/qr')
      .set(gw.auth(Users.carrier))
      .set('content-type', 'application/json')
      .send(JSON.stringify({ ...scan, pad: 'x'.repeat(1_100_000) }))
      .expect(413);
    expect(res.body.status).toBe(413);
  });
});

describe('RFID batches', () => {
  const t0 = Date.parse('2026-10-05T08:00:00Z');

  it('turns a JSON reader batch into one transaction, repeated reads counted once', async () => {
    const reads = [
      { epc: SGTIN_HEX, antenna: 1, rssi: -52, time: t0 },
      { epc: SGTIN_HEX.toLowerCase(), antenna: 2, rssi: -50, time: t0 + 300 },
      { epc: SGTIN_HEX, antenna: 1, rssi: -49, time: t0 + 900 },
    ];
    const res = await request(gw.app)
      .post('/scans/rfid')
      .set(gw.auth(Users.carrier))
      .send({ readerId: 'dock-door-3', readPoint: '9521234000020', bizStep: 'arriving', reads })
      .expect(201);
    const [eventId] = res.body.receipt.eventIDs as string[];
    const record = await gw.calls.evaluate<{ event: { epcList: string[] } }>(Users.retailer, 'GetEvent', [
      eventId!,
    ]);
    expect(record.event.epcList).toEqual(['urn:epc:id:sgtin:0614141.812345.6789']);
  });

  it('accepts the same batch as a protobuf frame', async () => {
    const frame = encodeScanFrame({
      readerId: 'portal-1',
      readPoint: '9521234000020',
      batchId: 'b-0001',
      reads: [{ epcHex: SGTIN_HEX, antenna: 1, rssi: -40, time: t0 + 60_000 }],
    });
    const res = await request(gw.app)
      .post('/scans/rfid?bizStep=departing')
      .set(gw.auth(Users.carrier))
      .set('content-type', 'application/x-protobuf')
      .send(frame)
      .expect(201);
    expect(res.body.receipt.eventIDs).toHaveLength(1);
    const again = await request(gw.app)
      .post('/scans/rfid?bizStep=departing')
      .set(gw.auth(Users.carrier))
      .set('content-type', 'application/x-protobuf')
      .send(frame)
      .expect(200);
    expect(again.body.receipt).toEqual(res.body.receipt);
  });

  it.each([
    ['malformed EPC hex', { reads: [{ epc: 'ZZ74257BF7194E4000001A85', time: t0 }] }, 'EPC_MALFORMED'],
    ['a short EPC', { reads: [{ epc: '3074257BF7', time: t0 }] }, 'EPC_MALFORMED'],
    [
      'an unknown EPC header',
      { reads: [{ epc: 'FF74257BF7194E4000001A85', time: t0 }] },
      'EPC_UNSUPPORTED_SCHEME',
    ],
  ])('refuses %s with 400 and records nothing', async (_what, patch, code) => {
    const before = gw.ledger.submitted;
    const res = await request(gw.app)
      .post('/scans/rfid')
      .set(gw.auth(Users.carrier))
      .send({ readerId: 'r', readPoint: '9521234000020', bizStep: 'arriving', ...patch })
      .expect(400);
    expect(res.body.code).toBe(code);
    expect(gw.ledger.submitted).toBe(before);
  });

  it('refuses a malformed protobuf frame', async () => {
    const res = await request(gw.app)
      .post('/scans/rfid')
      .set(gw.auth(Users.carrier))
      .set('content-type', 'application/x-protobuf')
      .send(Buffer.from([0x0a, 0xff, 0xff, 0x01]))
      .expect(400);
    expect(res.body.code).toBe('FRAME_MALFORMED');
  });

  it('refuses a batch over the read limit', async () => {
    const small = await startGateway({ TRACE_MAX_BATCH_READS: '2' });
    try {
      const reads = [0, 1, 2].map((i) => ({ epc: SGTIN_HEX, time: t0 + i }));
      const res = await request(small.app)
        .post('/scans/rfid')
        .set(small.auth(Users.carrier))
        .send({ readerId: 'r', readPoint: '9521234000020', bizStep: 'arriving', reads })
        .expect(400);
      expect(res.body.code).toBe('BATCH_TOO_LARGE');
    } finally {
      await small.close();
    }
  });
});

describe('grouped commits', () => {
  it('records a burst of concurrent QR scans, each once, in fewer transactions than scans', async () => {
    const n = 60;
    const responses = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        request(gw.app)
          .post('/scans/qr')
          .set(gw.auth(Users.carrier))
          .send({
            digitalLink: `https://brand.example/01/09506000134352/10/BURST-${i}`,
            bizStep: 'receiving',
            location: '9521234000006',
            eventTime: '2026-10-20T09:00:00Z',
          }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: n }, () => 201));
    const txIds = new Set(responses.map((r) => r.body.txId as string));
    expect(txIds.size).toBeLessThan(n);
    for (const i of [0, 17, n - 1])
      expect(await journey(`https://id.gs1.org/01/09506000134352/10/BURST-${i}`)).toHaveLength(1);
  });
});
