/** NTAG 424 DNA Secure Unique NFC messages: the tap URL, its CMAC and decryption, and the tag key diversification. */
export {
  DEFAULT_SUN_PARAMS,
  parseSunUrl,
  verifySunMessage,
  type SunKeys,
  type SunMessage,
  type SunOptions,
  type SunParamNames,
  type VerifiedSun,
} from './sunMessage';
export { diversifyAes128, diversifyTagKey, type TagDiversificationInput } from './keyDiversification';
