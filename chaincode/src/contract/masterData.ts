/** Registering products, lots and locations: master data that passage records refer to. */
import type { Context } from 'fabric-contract-api';
import { authorize } from '../access/policy';
import { ChaincodeError } from '../errors';
import { Location, LocationInput } from '../model/location';
import { Lot, LotInput } from '../model/lot';
import { Product, ProductInput } from '../model/product';
import {
  checkCset82,
  locationId,
  lotId,
  normaliseGln,
  normaliseGtin,
  productId,
} from '../identifiers/gs1Keys';
import { parseJsonArg, parseWith } from '../model/parse';
import { KeyType } from '../state/keys';
import { Store } from '../state/store';
import { provenanceOf } from '../txContext';

export async function registerProduct(ctx: Context, json: string): Promise<Product> {
  const caller = authorize(ctx, 'product.register');
  const input = parseJsonArg(ProductInput, json, 'product');
  const gtin = normaliseGtin(input.gtin, 'product.gtin');
  const store = new Store(ctx);
  if (await store.exists(KeyType.product, [gtin])) {
    throw new ChaincodeError('ALREADY_EXISTS', 'product.gtin', `${gtin} is already registered`);
  }
  const product = parseWith(
    Product,
    { ...input, gtin, id: productId(gtin), owner: caller.mspId, provenance: provenanceOf(ctx, caller) },
    'product',
  );
  await store.put(KeyType.product, [gtin], product);
  return product;
}

export async function registerLot(ctx: Context, json: string): Promise<Lot> {
  const caller = authorize(ctx, 'lot.register');
  const input = parseJsonArg(LotInput, json, 'lot');
  const gtin = normaliseGtin(input.gtin, 'lot.gtin');
  const lotNumber = checkCset82(input.lot, 'lot.lot');
  const store = new Store(ctx);
  if (!(await store.exists(KeyType.product, [gtin]))) {
    throw new ChaincodeError('NOT_FOUND', 'lot.gtin', `product ${gtin} is not registered`);
  }
  const id = lotId(gtin, lotNumber);
  if (await store.exists(KeyType.lot, [id]))
    throw new ChaincodeError('ALREADY_EXISTS', 'lot.lot', `${id} is already registered`);
  const plots = input.origin?.plots ?? [];
  const plotIds = new Set(plots.map((p) => p.plotId));
  if (plotIds.size !== plots.length)
    throw new ChaincodeError('INVALID_ARGUMENT', 'lot.origin.plots', 'plotId must be unique');
  const lot = parseWith(
    Lot,
    { ...input, gtin, lot: lotNumber, id, owner: caller.mspId, provenance: provenanceOf(ctx, caller) },
    'lot',
  );
  await store.put(KeyType.lot, [id], lot);
  return lot;
}

export async function registerLocation(ctx: Context, json: string): Promise<Location> {
  const caller = authorize(ctx, 'location.register');
  const input = parseJsonArg(LocationInput, json, 'location');
  const gln = normaliseGln(input.gln, 'location.gln');
  const extension =
    input.extension === undefined ? undefined : checkCset82(input.extension, 'location.extension');
  const id = locationId(gln, extension);
  const store = new Store(ctx);
  if (await store.exists(KeyType.location, [id])) {
    throw new ChaincodeError('ALREADY_EXISTS', 'location.gln', `${id} is already registered`);
  }
  const location = parseWith(
    Location,
    { ...input, gln, id, owner: caller.mspId, provenance: provenanceOf(ctx, caller) },
    'location',
  );
  await store.put(KeyType.location, [id], location);
  return location;
}
