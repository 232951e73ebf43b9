/**
 * A steady QR scan load on one or more gateways, keeping the acknowledgement log the fault suite reconciles
 * against the ledger. Every scan has its own idempotency key and its own event time (so each is a distinct EPCIS
 * event the ledger can be asked about); scans go round-robin over the targets. A scan whose request got no answer
 * (gateway killed, connection refused, timeout) is retried with the same key, as a phone would; an answer other
 * than 200/201/202 is a refusal, which no fault should cause.
 */
import type { GatewayProcess } from './gatewayProcess';

export interface LotRef {
  readonly gtin: string;
  readonly lot: string;
}

export interface IssuedScan {
  readonly key: string;
  readonly lot: LotRef;
  /** Milliseconds since the epoch: the scan's eventTime, unique within a load. */
  readonly eventTimeMs: number;
  readonly target: number;
  readonly issuedAt: number;
}

export interface Ack extends IssuedScan {
  readonly status: 200 | 201 | 202;
  readonly answeredAt: number;
}

export interface Refusal extends IssuedScan {
  readonly status: number;
  readonly body: string;
}

export interface LoadOptions {
  /** New scans per second. */
  readonly rate: number;
  /** Requests open at once; a tick finding this many open issues nothing (counted in `skipped`). */
  readonly maxInFlight: number;
  readonly scanner: string;
  /** Prefix of the idempotency keys, unique per load. */
  readonly keyPrefix: string;
}

const ACK = new Set([200, 201, 202]);

/** The POST /scans/qr body of a scan: the same bytes every time it is sent, to whichever gateway. */
export function scanBody(scan: IssuedScan): Record<string, string> {
  return {
    digitalLink: `https://brand.example/01/${scan.lot.gtin}/10/${scan.lot.lot}`,
    bizStep: 'receiving',
    location: '9521234000006',
    eventTime: new Date(scan.eventTimeMs).toISOString(),
    device: 'faults',
    idempotencyKey: scan.key,
  };
}

export class ScanLoad {
  readonly issued: IssuedScan[] = [];
  readonly acks: Ack[] = [];
  readonly refusals: Refusal[] = [];
  /** Requests that got no HTTP answer and were sent again with the same key. */
  resent = 0;
  skipped = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly t0 = Date.now();
  private startedAt = 0;
  private stoppedAt = 0;

  /** `targets[i]()` is the current process of target i, so a restarted gateway is picked up. */
  constructor(
    private readonly targets: readonly (() => GatewayProcess)[],
    private readonly lots: readonly LotRef[],
    private readonly options: LoadOptions,
  ) {}

  /** The targets' current processes. */
  gateways(): GatewayProcess[] {
    return this.targets.map((t) => t());
  }

  start(): this {
    this.startedAt = Date.now();
    this.timer = setInterval(() => {
      if (this.inFlight >= this.options.maxInFlight) {
        this.skipped++;
        return;
      }
      void this.send(this.issued.length);
    }, 1000 / this.options.rate);
    return this;
  }

  /** Stop issuing; resolve once every open request has been answered (or given up after `deadlineMs`). */
  async stop(deadlineMs = 60_000): Promise<void> {
    clearInterval(this.timer);
    const end = Date.now() + deadlineMs;
    while (this.inFlight > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    this.stopping = true;
    this.stoppedAt = Date.now();
    if (this.inFlight > 0)
      throw new Error(`${this.inFlight} scan requests still open ${deadlineMs} ms after the load stopped`);
  }

  /** Resolves once `n` more acknowledgements than now have arrived. */
  async acksMore(n: number, deadlineMs: number): Promise<void> {
    const target = this.acks.length + n;
    const end = Date.now() + deadlineMs;
    while (this.acks.length < target) {
      if (Date.now() > end)
        throw new Error(
          `only ${this.acks.length - target + n} of ${n} acknowledgements within ${deadlineMs} ms`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Acknowledgements per second over the load's lifetime. */
  get ackRate(): number {
    return this.acks.length / (((this.stoppedAt || Date.now()) - this.startedAt) / 1000);
  }

  private async send(n: number): Promise<void> {
    const lot = this.lots[n % this.lots.length]!;
    const scan: IssuedScan = {
      key: `${this.options.keyPrefix}-${n}`,
      lot,
      // Milliseconds apart from the load's start: distinct events, and the time maps back to the key.
      eventTimeMs: this.t0 - 3_600_000 + n,
      target: n % this.targets.length,
      issuedAt: Date.now(),
    };
    this.issued.push(scan);
    this.inFlight++;
    try {
      for (;;) {
        const gateway = this.targets[scan.target]!();
        let res: Response;
        let body: string;
        try {
          res = await fetch(`${gateway.url}/scans/qr`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...gateway.auth(this.options.scanner) },
            body: JSON.stringify(scanBody(scan)),
            signal: AbortSignal.timeout(30_000),
          });
          body = await res.text();
        } catch {
          // No answer: nothing was acknowledged, so the client sends the same scan again.
          if (this.stopping) return;
          this.resent++;
          await new Promise((r) => setTimeout(r, 250));
          continue;
        }
        if (ACK.has(res.status))
          this.acks.push({ ...scan, status: res.status as Ack['status'], answeredAt: Date.now() });
        else this.refusals.push({ ...scan, status: res.status, body });
        return;
      }
    } finally {
      this.inFlight--;
    }
  }
}
