/**
 * One catalog of error codes. Every failure a user can meet carries one of these
 * codes and, where there was one, the underlying error as `cause`. The CLI prints
 * `error[CODE]: message` on one line; the server will map codes to HTTP statuses.
 */
export const errorCatalog = {
  USAGE: 'the command line is not valid',
  IMAGE_REF_INVALID: 'the image reference cannot be parsed',
  IMAGE_NOT_FOUND: 'no source could find the image',
  SOURCE_UNAVAILABLE: 'the image source (daemon, registry, file) could not be reached',
  ARCHIVE_CORRUPT: 'an image archive is truncated or not a valid archive',
  MANIFEST_INVALID: 'an image manifest, index or config is malformed',
  PLATFORM_NOT_FOUND: 'the image has no manifest for the requested platform',
  LAYER_CORRUPT: 'a layer is truncated, corrupt or not a tar stream',
  LAYER_DIGEST_MISMATCH: 'a blob does not match the digest its manifest promised',
  LAYER_TOO_LARGE: 'a layer decompresses past the allowed size or ratio (decompression bomb)',
  LAYER_UNSAFE_PATH: 'a layer entry names a path outside the image root',
  PACKAGE_DB_CORRUPT:
    'an OS package database in the image is malformed, so the package list would be incomplete',
  SYMLINK_LOOP: 'resolving a path inside the image met a symlink loop',
  REGISTRY_AUTH: 'the registry refused the credentials',
  REGISTRY_NOT_FOUND: 'the registry has no such repository, tag or blob',
  REGISTRY_TIMEOUT: 'the registry did not answer in time',
  REGISTRY_BAD_RESPONSE: 'the registry answered something that is not a valid response',
  DAEMON_ERROR: 'the Docker Engine returned an error',
  ADVISORY_DB_MISSING: 'no vulnerability database has been imported yet',
  ADVISORY_DB_SCHEMA: 'the vulnerability database has an unexpected schema',
  ADVISORY_INVALID: 'an advisory record is malformed',
  ADVISORY_SOURCE: 'the advisory source could not be read or downloaded',
  INPUT_INVALID: 'an input file (SBOM, VEX, ignore file) is malformed',
  IO: 'a file could not be read or written',
  INTERNAL: 'an unexpected failure without a code of its own (a bug; BULWARK_DEBUG=1 prints the stack)',
  TIMEOUT: 'the command ran longer than its --timeout allows',
  CACHE_ERROR: 'a cached layer result a scan needs is missing or unreadable',
  UPLOAD_FAILED: 'a Bulwark server refused an upload or could not be reached',
  QQL_SYNTAX: 'a QQL filter or sort is not well-formed (the message names the column)',
  QQL_UNKNOWN_TOKEN: 'a QQL filter or sort names a token the queried entity does not have',
  QQL_BAD_VALUE: 'a QQL value does not fit its token (number, date, boolean, one of a list)',
  QQL_TOO_COMPLEX: 'a QQL filter is longer, deeper or has more terms than the server accepts',
  // The platform (db, server): the server maps each to one HTTP status in one handler.
  DB_UNAVAILABLE: 'the platform database cannot be opened or reached',
  DB_MIGRATION: 'the platform database schema could not be migrated',
  NOT_FOUND: 'the requested resource does not exist (or belongs to another customer)',
  CONFLICT: 'the request conflicts with the current state (e.g. deleting an image with running containers)',
  BAD_REQUEST: 'the request is malformed: bad JSON, unknown fields, invalid parameters',
  UNAUTHENTICATED: 'credentials are missing or wrong',
  FORBIDDEN: 'the caller lacks the permission this request needs',
  RATE_LIMITED: 'too many failed logins or requests; retry later',
  PAYLOAD_TOO_LARGE: 'the request body is larger than the server accepts',
  // Registry scanning, client side (issue 12, registry sensor: src/core/source/registry, src/sensor/registry).
  REGISTRY_RATE_LIMITED: 'the registry kept answering 429 Too Many Requests after the allowed waits',
  // Registry scanning, server side (issue 12: src/server/registry).
  SECRET_KEY_MISSING:
    'the server has no key to encrypt registry secrets: set BULWARK_SECRET_KEY or BULWARK_SECRET_KEY_FILE (shared by all replicas)',
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export class BulwarkError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BulwarkError';
    this.code = code;
  }
}

export function isBulwarkError(err: unknown, code?: ErrorCode): err is BulwarkError {
  return err instanceof BulwarkError && (code === undefined || err.code === code);
}

/** Wraps any thrown value so callers only ever see a coded error. */
export function toBulwarkError(err: unknown, fallback: ErrorCode, context: string): BulwarkError {
  if (err instanceof BulwarkError) return err;
  const text = err instanceof Error ? err.message : String(err);
  return new BulwarkError(fallback, `${context}: ${text}`, { cause: err });
}
