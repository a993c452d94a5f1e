/**
 * Severity 5..1 counts as small labelled badges, or "Not checked" with the server's reason
 * when the asset could not be checked (the API answers `vulnerabilities: null` plus
 * `scanError`): an unchecked asset never shows zeros.
 */
export interface SeverityCountsValue {
  severity5Count: number;
  severity4Count: number;
  severity3Count: number;
  severity2Count: number;
  severity1Count: number;
}

/** What an image or container says about its vulnerabilities (list and details shapes). */
export interface CheckedAsset {
  vulnerabilities: SeverityCountsValue | null;
  /** Absent or null when the asset was checked. */
  scanError?: string | null;
}

const LEVELS = [5, 4, 3, 2, 1] as const;

/** The server's reasons start with "not checked: "; the label says that already. */
export function notCheckedReason(scanError: string | null | undefined): string {
  const reason = (scanError ?? '').replace(/^not checked:\s*/i, '').trim();
  return reason || 'the server gave no reason';
}

export function NotChecked({ scanError }: { scanError: string | null | undefined }) {
  return (
    <span className="not-checked" data-testid="not-checked">
      <strong>Not checked</strong>: {notCheckedReason(scanError)}
    </span>
  );
}

export function SeverityCounts({ asset }: { asset: CheckedAsset }) {
  const value = asset.vulnerabilities;
  if (!value || asset.scanError) return <NotChecked scanError={asset.scanError} />;
  return (
    <span className="sev-counts">
      {LEVELS.map((s) => {
        const n = value[`severity${s}Count`];
        return (
          <span key={s} className={`sev sev-${s}${n === 0 ? ' sev-zero' : ''}`} title={`severity ${s}: ${n}`}>
            <span className="sr-only">severity {s}: </span>
            {n}
          </span>
        );
      })}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: number }) {
  return (
    <span className={`sev sev-${severity}`} title={`severity ${severity}`}>
      {severity}
    </span>
  );
}
