/**
 * What a layer walk keeps of the files it has read, so that a later hard link to one
 * of them can be analyzed at its own path: small files only, and only the most recent
 * up to a fixed total, so memory does not grow with the layer.
 */
export const maxCapturedFile = 1024 * 1024;
export const maxCapturedTotal = 4 * 1024 * 1024;

/** Small file contents by path, oldest dropped first once their total passes a cap. */
export class CapturedFiles {
  private readonly files = new Map<string, Buffer>();
  private total = 0;

  constructor(
    private readonly maxFile: number,
    private readonly maxTotal: number,
  ) {}

  keep(path: string, content: Buffer): void {
    if (content.length > this.maxFile) return;
    this.delete(path);
    this.files.set(path, content);
    this.total += content.length;
    for (const [oldest, bytes] of this.files) {
      if (this.total <= this.maxTotal) break;
      this.files.delete(oldest);
      this.total -= bytes.length;
    }
  }

  get(path: string): Buffer | undefined {
    return this.files.get(path);
  }

  delete(path: string): void {
    const bytes = this.files.get(path);
    if (bytes === undefined) return;
    this.files.delete(path);
    this.total -= bytes.length;
  }
}
