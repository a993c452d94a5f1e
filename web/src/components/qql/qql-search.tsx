/**
 * The QQL search bar: a combobox whose suggestions come from the entity's token catalog
 * (token names while typing a term, the listed values after `token:`), and whose error
 * display underlines the column the server named.
 */
import { useId, useMemo, useState } from 'react';
import { type CatalogEntry, type QqlEntity, useQqlCatalog } from './get-qql-catalog';

export interface QqlError {
  message: string;
  column?: number | undefined;
}

interface Props {
  entity: QqlEntity;
  value: string;
  onSubmit: (query: string) => void;
  error?: QqlError | null;
  label?: string;
}

/** The term being typed: text after the last space or parenthesis. */
function currentTerm(text: string): string {
  const m = /[^\s()]*$/.exec(text);
  return m ? m[0] : '';
}

export function suggestionsFor(text: string, catalog: CatalogEntry[]): string[] {
  const term = currentTerm(text);
  if (!term || /^(and|or|not)$/i.test(term)) return [];
  const colon = term.indexOf(':');
  if (colon < 0) {
    const lower = term.toLowerCase();
    return catalog
      .filter((c) => c.token.toLowerCase().startsWith(lower) && c.token.toLowerCase() !== lower)
      .slice(0, 8)
      .map((c) => `${c.token}:`);
  }
  const token = term.slice(0, colon).toLowerCase();
  const entry = catalog.find((c) => c.token.toLowerCase() === token || c.aliases.includes(token));
  const typed = term.slice(colon + 1).toLowerCase();
  return (entry?.values ?? [])
    .filter((v) => v.toLowerCase().startsWith(typed) && v.toLowerCase() !== typed)
    .slice(0, 8)
    .map((v) => `${term.slice(0, colon)}:${v}`);
}

export function QqlSearch({ entity, value, onSubmit, error, label = 'QQL search' }: Props) {
  const [text, setText] = useState(value);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const catalog = useQqlCatalog(entity);
  const id = useId();
  const suggestions = useMemo(() => suggestionsFor(text, catalog.data ?? []), [text, catalog.data]);
  const shown = open && suggestions.length > 0;

  const accept = (s: string) => {
    const term = currentTerm(text);
    setText(text.slice(0, text.length - term.length) + s);
    setActive(-1);
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (shown && e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % suggestions.length);
    } else if (shown && e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a <= 0 ? suggestions.length - 1 : a - 1));
    } else if (e.key === 'Escape') {
      setOpen(false);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = shown && active >= 0 ? suggestions[active] : undefined;
      if (chosen) accept(chosen);
      else {
        setOpen(false);
        onSubmit(text.trim());
      }
    } else if (e.key === 'Tab' && shown && active >= 0) {
      const chosen = suggestions[active];
      if (chosen) {
        e.preventDefault();
        accept(chosen);
      }
    }
  };
  const col = error?.column;
  return (
    <form
      className="qql-search"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(text.trim());
      }}
    >
      <label htmlFor={`${id}-input`} className="sr-only">
        {label}
      </label>
      <div className="qql-input-wrap">
        <input
          id={`${id}-input`}
          type="search"
          role="combobox"
          aria-expanded={shown}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={shown && active >= 0 ? `${id}-opt-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          placeholder={`Search ${entity} with QQL, e.g. vulnerabilities.severity:5`}
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
        {shown && (
          <div id={`${id}-list`} role="listbox" className="qql-suggestions" aria-label="QQL suggestions">
            {suggestions.map((s, i) => (
              // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the input; the option is announced through aria-activedescendant
              <div
                key={s}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : ''}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(s);
                }}
              >
                {s}
              </div>
            ))}
          </div>
        )}
      </div>
      <button type="submit">Search</button>
      {error && (
        <div id={`${id}-error`} className="qql-error" role="alert">
          {col !== undefined && col >= 1 && (
            <pre className="qql-error-text" data-testid="qql-error-underline">
              {value.slice(0, col - 1)}
              <mark>{value.slice(col - 1, col) || ' '}</mark>
              {value.slice(col)}
            </pre>
          )}
          <span>{error.message}</span>
        </div>
      )}
    </form>
  );
}
