/** What every rpmdb backend reader returns: the raw header blobs, and what it could not read. */
export interface BlobsResult {
  blobs: Buffer[];
  /** Reasons, without the path; the analyzer turns each one into an unknown. */
  problems: string[];
}
