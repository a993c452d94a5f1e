/** Accessible tabs (WAI-ARIA tab pattern: arrow keys move between tabs). */
import { useId, useState } from 'react';

export interface Tab {
  id: string;
  label: string;
  render: () => React.ReactNode;
}

export function Tabs({ tabs, label }: { tabs: Tab[]; label: string }) {
  const [current, setCurrent] = useState(tabs[0]?.id ?? '');
  const base = useId();
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.id === current),
  );
  const move = (delta: number) => {
    const next = tabs[(index + delta + tabs.length) % tabs.length];
    if (next) {
      setCurrent(next.id);
      document.getElementById(`${base}-tab-${next.id}`)?.focus();
    }
  };
  const active = tabs[index];
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`${base}-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === active?.id}
            aria-controls={`${base}-panel`}
            tabIndex={t.id === active?.id ? 0 : -1}
            onClick={() => setCurrent(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(1);
              if (e.key === 'ArrowLeft') move(-1);
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`${base}-panel`} role="tabpanel" aria-labelledby={`${base}-tab-${active?.id}`}>
        {active?.render()}
      </div>
    </div>
  );
}
