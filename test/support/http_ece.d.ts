// The parts of http_ece (RFC 8188 encrypted content encoding, used by web-push) that the fake push
// service uses to decrypt what Belfry sends; the package ships no types.
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  /** Parameters for decrypting an `aes128gcm` Web Push body as the receiving browser does. */
  export interface DecryptParams {
    readonly version: 'aes128gcm';
    /** The receiver's key pair (the subscription's p256dh private half). */
    readonly privateKey: ECDH;
    /** The subscription's auth secret, base64url or raw bytes. */
    readonly authSecret: string | Buffer;
  }

  /** Decrypts one encrypted body; throws when it cannot be authenticated. */
  export function decrypt(buffer: Buffer, params: DecryptParams): Buffer;
}
