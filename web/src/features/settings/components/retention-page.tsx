/**
 * Settings → Data retention: per kind of data, keep forever or purge after 1 day to 1 year
 * (the reference's range). Presets for the usual steps, or a number of days.
 */
import { useEffect, useState } from 'react';
import { QueryBlock } from '../../../components/query-block';
import {
  RETENTION_RULES,
  type RetentionRule,
  type RetentionRules,
  retentionRequest,
  useRetention,
  useSaveRetention,
} from '../api/retention';

const PRESETS: [number, string][] = [
  [0, 'Keep forever'],
  [1, '1 day'],
  [7, '1 week'],
  [30, '1 month'],
  [90, '3 months'],
  [180, '6 months'],
  [365, '1 year'],
];

function describe(days: number | undefined): string {
  if (!days) return 'kept forever';
  return PRESETS.find(([d]) => d === days)?.[1] ?? `${days} days`;
}

function RuleRow({
  rule,
  title,
  hint,
  days,
  onChange,
}: {
  rule: RetentionRule;
  title: string;
  hint: string;
  days: number;
  onChange: (days: number) => void;
}) {
  const preset = PRESETS.some(([d]) => d === days);
  const [custom, setCustom] = useState(!preset);
  const selectId = `retention-${rule}`;
  return (
    <fieldset className="retention-rule">
      <legend>{title}</legend>
      <label htmlFor={selectId}>Purge {hint}</label>
      <select
        id={selectId}
        value={custom ? 'custom' : String(days)}
        onChange={(e) => {
          if (e.target.value === 'custom') setCustom(true);
          else {
            setCustom(false);
            onChange(Number(e.target.value));
          }
        }}
      >
        {PRESETS.map(([d, label]) => (
          <option key={d} value={d}>
            {label}
          </option>
        ))}
        <option value="custom">Custom number of days…</option>
      </select>
      {custom && (
        <label>
          Days (1–365)
          <input
            type="number"
            min={1}
            max={365}
            required
            value={days || ''}
            onChange={(e) => onChange(Number(e.target.value))}
          />
        </label>
      )}
    </fieldset>
  );
}

function RetentionForm({ saved }: { saved: RetentionRules }) {
  const [rules, setRules] = useState<Record<RetentionRule, number>>(() => toForm(saved));
  const save = useSaveRetention();
  useEffect(() => setRules(toForm(saved)), [saved]);
  const invalid = Object.values(rules).some((d) => !Number.isInteger(d) || d < 0 || d > 365);
  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) save.mutate(rules);
      }}
    >
      {RETENTION_RULES.map(([rule, title, hint]) => (
        <RuleRow
          key={rule}
          rule={rule}
          title={title}
          hint={hint}
          days={rules[rule]}
          onChange={(days) => setRules({ ...rules, [rule]: days })}
        />
      ))}
      {invalid && <p role="alert">Retention is 1 to 365 days, or kept forever.</p>}
      <div className="form-buttons">
        <button type="submit" disabled={save.isPending || invalid}>
          Save retention rules
        </button>
      </div>
      {save.isSuccess && <p role="status">Saved. The purge job applies the rules on its next run.</p>}
      {save.error && <p role="alert">{save.error.message}</p>}
      <h3>Current rules</h3>
      <dl className="facts" data-testid="retention-current">
        {RETENTION_RULES.map(([rule, title]) => (
          <div key={rule}>
            <dt>{title}</dt>
            <dd>{describe(saved[rule])}</dd>
          </div>
        ))}
      </dl>
    </form>
  );
}

function toForm(saved: RetentionRules): Record<RetentionRule, number> {
  return Object.fromEntries(RETENTION_RULES.map(([r]) => [r, saved[r] ?? 0])) as Record<
    RetentionRule,
    number
  >;
}

export default function RetentionPage() {
  const q = useRetention();
  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">Data retention</h2>
      <p className="hint">
        Records past their retention are purged for good. Start long (6 months) and shorten gradually.
      </p>
      <QueryBlock query={q} request={retentionRequest}>
        {(saved) => <RetentionForm saved={saved} />}
      </QueryBlock>
    </section>
  );
}
