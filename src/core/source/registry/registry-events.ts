/** What a registry client tells its caller about as it goes (the registry sensor logs these). */
export type RegistryClientEvent =
  | { kind: 'rate-limited'; url: string; waitMs: number; attempt: number }
  /** A bearer token fetched: the first for its scope, one renewed before expiry, or one after a 401. */
  | { kind: 'token'; reason: 'initial' | 'expiring' | 'rejected'; scope: string };
