/**
 * One gRPC client per peer endpoint, shared by every user's Gateway connected to that peer. A gRPC client owns an
 * HTTP/2 connection; the Fabric Gateway client API expects applications to share it and never closes it itself.
 */
import { readFileSync } from 'node:fs';
import { Client, credentials } from '@grpc/grpc-js';
import type { NodeEndpoint } from './connectionProfile';

export class GrpcClientPool {
  private readonly clients = new Map<string, Client>();

  /** The client for `node`, created on first use (gRPC connects lazily, on the first call). */
  clientFor(node: NodeEndpoint): Client {
    let client = this.clients.get(node.endpoint);
    if (!client) {
      const tlsRootCert = readFileSync(node.tlsCACert);
      client = new Client(node.endpoint, credentials.createSsl(tlsRootCert), {
        // The peer is dialled by IP; its TLS certificate is verified against its hostname.
        'grpc.ssl_target_name_override': node.hostnameOverride,
        // Keep the long-lived chaincode event stream's connection alive through idle periods.
        'grpc.keepalive_time_ms': 120_000,
        'grpc.keepalive_timeout_ms': 20_000,
      });
      this.clients.set(node.endpoint, client);
    }
    return client;
  }

  /** Endpoints with a client, for diagnostics. */
  endpoints(): string[] {
    return [...this.clients.keys()].sort();
  }

  /** Close every client; safe to call twice. */
  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
