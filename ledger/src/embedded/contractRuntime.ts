/**
 * Runs fabric-contract-api contract classes the way fabric-shim's ChaincodeFromContract does: `Contract:fn` or the
 * default contract's `fn`, only functions declared with `@Transaction` (`fabric:transactions` metadata; every
 * public method when a contract declares none), argument count checked, arguments converted by their declared
 * schema, `beforeTransaction` → `aroundTransaction` → `afterTransaction`, `unknownTransaction` otherwise, and the
 * result serialised like its JSONSerializer. Reimplemented rather than calling ChaincodeFromContract because that
 * class compiles an Ajv schema per argument per call, which would dominate the embedded ledger's cost.
 */
import { Contract, type Context } from 'fabric-contract-api';
import { ClientIdentity, type ChaincodeStub } from 'fabric-shim';
import 'reflect-metadata';

/** A contract class as `chaincode/src/index.ts` exports it in `contracts`. */
export type ContractClass = new () => Contract;

interface ParamSchema {
  readonly name?: string;
  readonly schema?: { readonly type?: string; readonly $ref?: string };
}

interface TransactionMeta {
  readonly name: string;
  readonly parameters?: readonly ParamSchema[];
  readonly returns?: { readonly schema?: { readonly type?: string } };
}

interface Registered {
  readonly instance: Contract;
  readonly transactions: ReadonlyMap<string, TransactionMeta>;
}

/** fabric-contract-api's typings say `fn: Function` and `Promise<void>`; its implementation takes the name and returns the result. */
interface AroundTransaction {
  aroundTransaction(ctx: Context, fn: string, parameters: unknown[]): Promise<unknown>;
}

function declaredTransactions(instance: Contract): Map<string, TransactionMeta> {
  const declared = (Reflect.getMetadata('fabric:transactions', instance) ?? []) as TransactionMeta[];
  if (declared.length > 0) return new Map(declared.map((t) => [t.name, t]));
  const skip = new Set(Object.getOwnPropertyNames(Contract.prototype));
  const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
  const found = new Map<string, TransactionMeta>();
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name.startsWith('_') || skip.has(name) || typeof proto[name] !== 'function')
      continue;
    found.set(name, { name });
  }
  return found;
}

function convertArgument(raw: string, param: ParamSchema): unknown {
  const type = param.schema?.type;
  if (type === 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new Error(`Failed to parse parameter ${param.name ?? ''} as ${type ?? 'JSON'}`);
  }
}

/** fabric-contract-api's JSONSerializer.toBuffer. */
function serializeResult(result: unknown, returnType: string | undefined): Uint8Array {
  if (result === undefined || result === null) return new Uint8Array(0);
  if (returnType === 'string' || returnType === 'number') {
    if (typeof result !== returnType)
      throw new Error(`Returned value is ${typeof result} does not match schema type of ${returnType}`);
    return Buffer.from(String(result as string | number));
  }
  if (typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean')
    return Buffer.from(String(result));
  return Buffer.from(JSON.stringify(result));
}

export class ContractRuntime {
  private readonly contracts = new Map<string, Registered>();
  private readonly defaultName: string;

  constructor(classes: readonly ContractClass[]) {
    let defaultName = Reflect.getMetadata('fabric:default', global) as string | undefined;
    for (const Cls of classes) {
      const instance = new Cls();
      if (!(instance instanceof Contract)) throw new Error(`invalid contract class ${Cls.name}`);
      const name = instance.getName();
      defaultName ??= name;
      this.contracts.set(name, { instance, transactions: declaredTransactions(instance) });
    }
    if (defaultName === undefined) throw new Error('no contract classes given');
    this.defaultName = defaultName;
  }

  /** Contract names, default first. */
  names(): string[] {
    return [this.defaultName, ...[...this.contracts.keys()].filter((n) => n !== this.defaultName)];
  }

  /**
   * Invoke `fn` with `args` on `stub`. Resolves with the serialised result; rejects with the contract's Error
   * (whose message is what Fabric would return as the endorsement failure).
   */
  async invoke(
    stub: ChaincodeStub,
    fn: string,
    args: readonly string[],
    identity?: ClientIdentity,
  ): Promise<Uint8Array> {
    const m = /^([^:]*)(?::|^)(.*)$/s.exec(fn);
    const contractName = m?.[1] || this.defaultName;
    const fnName = m?.[2] ?? fn;
    const registered = this.contracts.get(contractName);
    if (!registered) throw new Error(`Contract name is not known: ${contractName}`);
    const contract = registered.instance;
    const ctx: Context = contract.createContext();
    ctx.stub = stub;
    ctx.clientIdentity = identity ?? new ClientIdentity(stub);
    const tx = registered.transactions.get(fnName);
    if (!tx) {
      await contract.unknownTransaction(ctx);
      return new Uint8Array(0);
    }
    const params = tx.parameters;
    let values: unknown[] = [...args];
    if (params) {
      if (params.length !== args.length)
        throw new Error(`Expected ${params.length} parameters, but ${args.length} have been supplied`);
      values = params.map((p, i) => convertArgument(args[i] ?? '', p));
    }
    await contract.beforeTransaction(ctx);
    const result = await (contract as unknown as AroundTransaction).aroundTransaction(ctx, fnName, values);
    await contract.afterTransaction(ctx, result);
    return serializeResult(result, tx.returns?.schema?.type);
  }
}
