/** NFC: brand key custody, SUN tap verification across brands, and a tag emulator for the demo and tests. */
export { SecretKey } from './secretKey';
export type { BrandKeySet, NfcKeyProvider } from './keyProvider';
export {
  FileKeyProvider,
  StaticKeyProvider,
  createDemoKeyFile,
  DEMO_BRAND,
  type FileKeyProviderOptions,
} from './fileKeyProvider';
export { NfcKeyError, type NfcKeyErrorCode } from './nfcKeyError';
export { TapVerifier, type VerifiedTap } from './tapVerifier';
export { emulatedTag, tapUrl, type EmulatedTag, type TapOptions } from './tagEmulator';
