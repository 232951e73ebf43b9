/**
 * Who may do what, decided here and nowhere else. Identity is the caller's MSP (organisation) and the
 * `trace.role` attribute of its certificate, as Fabric CA issues attributes (`hf.`-style attrs extension).
 */
import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors';

export const ROLES = ['producer', 'processor', 'logistics', 'retailer', 'brand', 'regulator'] as const;
export type Role = (typeof ROLES)[number];

export type Action =
  | 'product.register'
  | 'lot.register'
  | 'location.register'
  | 'event.observe'
  | 'event.commission'
  | 'event.aggregate'
  | 'event.transform'
  | 'event.associate'
  | 'event.declareError'
  | 'lot.recall'
  | 'tag.commission'
  | 'tag.tap'
  | 'alerts.read';

/** The policy table. Reads of public state need no action: every channel member may read them. */
const POLICY: Readonly<Record<Action, readonly Role[]>> = {
  'product.register': ['producer', 'processor', 'brand'],
  'lot.register': ['producer', 'processor', 'brand'],
  'location.register': ['producer', 'processor', 'logistics', 'retailer', 'brand'],
  'event.observe': ['producer', 'processor', 'logistics', 'retailer', 'brand', 'regulator'],
  'event.commission': ['producer', 'processor', 'brand'],
  'event.aggregate': ['producer', 'processor', 'logistics', 'retailer', 'brand'],
  'event.transform': ['producer', 'processor'],
  'event.associate': ['brand', 'processor'],
  'event.declareError': ['producer', 'processor', 'logistics', 'retailer', 'brand', 'regulator'],
  'lot.recall': ['brand', 'regulator'],
  'tag.commission': ['brand'],
  'tag.tap': ['producer', 'processor', 'logistics', 'retailer', 'brand', 'regulator'],
  'alerts.read': ['brand'],
};

export interface Caller {
  readonly mspId: string;
  readonly role: Role;
  /** Fabric's `x509::subject::issuer` identity string: who exactly signed. */
  readonly id: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The caller as the certificate says; a certificate without a known `trace.role` may do nothing. */
export function callerOf(ctx: Context): Caller {
  const role = ctx.clientIdentity.getAttributeValue('trace.role');
  if (!isRole(role)) {
    throw new ChaincodeError(
      'FORBIDDEN',
      'trace.role',
      `certificate carries no known role (got ${String(role)})`,
    );
  }
  return { mspId: ctx.clientIdentity.getMSPID(), role, id: ctx.clientIdentity.getID() };
}

export function allows(role: Role, action: Action): boolean {
  return POLICY[action].includes(role);
}

/** Assert the caller may perform `action`, and return who the caller is. */
export function authorize(ctx: Context, action: Action): Caller {
  const caller = callerOf(ctx);
  if (!allows(caller.role, action)) {
    throw new ChaincodeError('FORBIDDEN', action, `role ${caller.role} of ${caller.mspId} may not ${action}`);
  }
  return caller;
}
