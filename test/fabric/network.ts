/**
 * What the Fabric suites need from a running Trace test network (`./test-network.sh up && createChannel && deployCC`,
 * which also enrols users). These suites run only when jest is pointed at test/fabric/ with TRACE_FABRIC=1.
 */
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { peer, common, msp } from '@hyperledger/fabric-protos';
import { gs1CheckDigit } from '../../chaincode/src/api';

/** The network work dir: $TRACE_NETWORK_DIR or <repo>/.work/fabric, as test-network.sh uses. */
export function networkDir(): string {
  return process.env.TRACE_NETWORK_DIR ?? resolve(__dirname, '..', '..', '.work', 'fabric');
}

const SCRIPT = resolve(__dirname, '..', '..', 'test-network.sh');

/**
 * Run a verb of test-network.sh on the network the suites use (`register`, `revoke`, …); rejects with its stderr
 * when it fails.
 */
export function testNetwork(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'bash',
      [SCRIPT, ...args],
      { env: { ...process.env, TRACE_NETWORK_DIR: networkDir(), ...env }, timeout: 150_000 },
      (err, _stdout, stderr) => {
        if (err) reject(new Error(`./test-network.sh ${args.join(' ')} failed: ${stderr}`, { cause: err }));
        else resolvePromise(stderr);
      },
    );
  });
}

/** `<networkDir>/connection.json`, failing with the command to run when the network is not up. */
export function connectionProfilePath(): string {
  const path = join(networkDir(), 'connection.json');
  if (!existsSync(path)) {
    throw new Error(
      `${path} missing: run ./test-network.sh up && ./test-network.sh createChannel && ./test-network.sh deployCC`,
    );
  }
  return path;
}

/** A GTIN-14 unlikely to be registered by an earlier run: indicator 9, prefix 9506000, a random item reference. */
export function freshGtin(): string {
  const body = `99506000${String(randomInt(0, 100_000)).padStart(5, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/**
 * The MSP IDs that endorsed a committed transaction, read from qscc's `GetTransactionByID` answer
 * (a `ProcessedTransaction`), and its validation code.
 */
export function endorsersOf(processedTransaction: Uint8Array): { validationCode: number; mspIds: string[] } {
  const processed = peer.ProcessedTransaction.deserializeBinary(processedTransaction);
  const envelope = processed.getTransactionenvelope();
  if (!envelope) throw new Error('processed transaction without an envelope');
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const mspIds = tx.getActionsList().flatMap((action) => {
    const cap = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    return (cap.getAction()?.getEndorsementsList() ?? []).map((e) =>
      msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid(),
    );
  });
  return { validationCode: processed.getValidationcode(), mspIds: mspIds.sort() };
}
