/**
 * Settings → Sensor configuration: what every sensor of the customer receives with its next
 * heartbeat — inactive windows (no data generated), container rescan interval (never below
 * 12 hours; 48 recommended), concurrency, CPU limit, log level, and the newest sensor version
 * (sensors running an older one show "Update Available").
 */
import { useEffect, useState } from 'react';
import { QueryBlock } from '../../../components/query-block';
import {
  type SensorSettings,
  sensorConfigRequest,
  useSaveSensorConfig,
  useSensorConfig,
} from '../api/sensor-config';
import { InactiveWindowsEditor } from './inactive-windows-editor';

function problemsOf(s: SensorSettings): string[] {
  const c = s.config;
  const out: string[] = [];
  if (!Number.isInteger(c.scanIntervalHours) || c.scanIntervalHours < 12)
    out.push('The scan interval cannot be below 12 hours.');
  if (c.scanIntervalHours > 8760) out.push('The scan interval is at most one year (8760 hours).');
  if (c.inactiveWindows.some((w) => w.days?.length === 0)) out.push('Every inactive window needs a day.');
  if (s.latestVersion && !/^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(s.latestVersion))
    out.push('The newest sensor version must look like 1.2.3.');
  return out;
}

function NumberField({
  label,
  value,
  min,
  max,
  onChange,
  hint,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (n: number) => void;
  hint?: string;
}) {
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        min={min}
        max={max}
        value={Number.isNaN(value) ? '' : value}
        onChange={(e) => onChange(e.target.valueAsNumber)}
      />
      {hint && <span className="hint"> {hint}</span>}
    </label>
  );
}

function SensorConfigForm({ saved }: { saved: SensorSettings }) {
  const [draft, setDraft] = useState(saved);
  const save = useSaveSensorConfig();
  useEffect(() => setDraft(saved), [saved]);
  const c = draft.config;
  const set = (patch: Partial<SensorSettings['config']>) =>
    setDraft({ ...draft, config: { ...c, ...patch } });
  const problems = problemsOf(draft);
  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length === 0) save.mutate(draft);
      }}
    >
      <h3>Inactive windows</h3>
      <p className="hint">Sensors generate no data inside these windows (maintenance, business hours).</p>
      <InactiveWindowsEditor
        windows={c.inactiveWindows}
        onChange={(inactiveWindows) => set({ inactiveWindows })}
      />
      <h3>Scanning</h3>
      <NumberField
        label="Container rescan interval (hours)"
        value={c.scanIntervalHours}
        min={12}
        max={8760}
        onChange={(scanIntervalHours) => set({ scanIntervalHours })}
        hint="at least 12; 48 recommended"
      />
      <NumberField
        label="Concurrent scans"
        value={c.concurrency}
        min={1}
        max={64}
        onChange={(concurrency) => set({ concurrency })}
      />
      <NumberField
        label="CPU limit (%)"
        value={c.cpuLimitPercent}
        min={0}
        max={100}
        onChange={(cpuLimitPercent) => set({ cpuLimitPercent })}
        hint="0 = no limit"
      />
      <NumberField
        label="Log level"
        value={c.logLevel}
        min={0}
        max={5}
        onChange={(logLevel) => set({ logLevel })}
      />
      <label>
        Newest sensor version{' '}
        <input
          value={draft.latestVersion ?? ''}
          placeholder="e.g. 1.4.0"
          onChange={(e) => setDraft({ ...draft, latestVersion: e.target.value.trim() || null })}
        />
      </label>
      {problems.length > 0 && (
        <ul role="alert" className="form-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="form-buttons">
        <button type="submit" disabled={save.isPending || problems.length > 0}>
          Save sensor configuration
        </button>
      </div>
      {save.isSuccess && <p role="status">Saved. Sensors apply it with their next heartbeat.</p>}
      {save.error && <p role="alert">{save.error.message}</p>}
    </form>
  );
}

export default function SensorConfigPage() {
  const q = useSensorConfig();
  return (
    <section aria-labelledby="sensor-config-title">
      <h2 id="sensor-config-title">Sensor configuration</h2>
      <QueryBlock query={q} request={sensorConfigRequest}>
        {(saved) => <SensorConfigForm saved={saved} />}
      </QueryBlock>
    </section>
  );
}
