/** The part of digital-link.js (no bundled types) this folder uses. */
declare module 'digital-link.js' {
  interface DigitalLinkObject {
    isValid(): boolean;
    getIdentifier(): Record<string, string>;
    getKeyQualifiers(): Record<string, string>;
  }
  interface DigitalLinkInit {
    domain: string;
    identifier: Record<string, string>;
    keyQualifiers?: Record<string, string>;
    keyQualifiersOrder?: string[];
    attributes?: Record<string, string>;
  }
  export function DigitalLink(input: string | DigitalLinkInit): DigitalLinkObject;
}
