import { FabricConfigError } from './fabricConfigError';
import { parseConnectionProfile } from './connectionProfile';

/** connection.json as scripts/fabric-enroll.ts writes it, with relative paths as a hand-written one may have. */
const written = {
  channel: 'trace',
  chaincode: 'trace',
  wallet: 'wallet',
  organizations: {
    ProducersMSP: {
      mspId: 'ProducersMSP',
      peers: [
        {
          name: 'peer0.producers',
          endpoint: '127.0.0.1:7110',
          hostnameOverride: 'peer0.producers.trace.local',
          tlsCACert: 'crypto/tlsca.pem',
        },
        {
          name: 'peer1.producers',
          endpoint: '127.0.0.1:7120',
          hostnameOverride: 'peer1.producers.trace.local',
          tlsCACert: '/abs/tlsca.pem',
        },
      ],
      users: [{ name: 'farmer', role: 'producer' }],
    },
  },
  orderers: [
    {
      name: 'orderer1',
      endpoint: '127.0.0.1:7010',
      hostnameOverride: 'orderer1.trace.local',
      tlsCACert: 'crypto/orderer-tlsca.pem',
    },
  ],
};

describe('connection profile', () => {
  it('resolves relative wallet and TLS CA paths against the profile directory', () => {
    const p = parseConnectionProfile(written, '/work/net');
    expect(p.wallet).toBe('/work/net/wallet');
    expect(p.organizations.ProducersMSP?.peers.map((peer) => peer.tlsCACert)).toEqual([
      '/work/net/crypto/tlsca.pem',
      '/abs/tlsca.pem',
    ]);
    expect(p.orderers[0]?.tlsCACert).toBe('/work/net/crypto/orderer-tlsca.pem');
  });

  it('names the offending field of a malformed profile', () => {
    const broken = {
      ...written,
      organizations: { ProducersMSP: { ...written.organizations.ProducersMSP, peers: [] } },
    };
    expect(() => parseConnectionProfile(broken, '/work/net')).toThrow(/organizations\.ProducersMSP\.peers/);
  });

  it('rejects an organisation filed under another MSP ID', () => {
    const misfiled = { ...written, organizations: { BrandsMSP: written.organizations.ProducersMSP } };
    expect(() => parseConnectionProfile(misfiled, '/work/net')).toThrow(FabricConfigError);
  });

  it('rejects an endpoint without a port', () => {
    const org = written.organizations.ProducersMSP;
    const noPort = {
      ...written,
      organizations: { ProducersMSP: { ...org, peers: [{ ...org.peers[0], endpoint: '127.0.0.1' }] } },
    };
    expect(() => parseConnectionProfile(noPort, '/work/net')).toThrow(/endpoint/);
  });
});
