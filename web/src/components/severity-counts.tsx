/** Severity 5..1 counts as small labelled badges. */
export interface SeverityCountsValue {
  severity5Count: number;
  severity4Count: number;
  severity3Count: number;
  severity2Count: number;
  severity1Count: number;
}

const LEVELS = [5, 4, 3, 2, 1] as const;

export function SeverityCounts({ value }: { value: SeverityCountsValue | null | undefined }) {
  if (!value) return <span className="muted">not scanned</span>;
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
