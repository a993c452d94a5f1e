/** A widget's frame: title, size, and (on custom dashboards) edit / resize / remove controls. */
import type { Widget, WidgetSize } from '../widget-model';
import { WidgetBody } from './widget-view';

interface Props {
  w: Widget;
  onEdit?: () => void;
  onRemove?: () => void;
  onResize?: (size: WidgetSize) => void;
}

export function WidgetCard({ w, onEdit, onRemove, onResize }: Props) {
  return (
    <article
      className={`widget widget-${w.size}`}
      aria-labelledby={`title-${w.id}`}
      data-testid={`widget-${w.id}`}
    >
      <header>
        <h2 id={`title-${w.id}`}>{w.title}</h2>
        {(onEdit || onRemove || onResize) && (
          <div className="widget-actions">
            {onResize && (
              <label>
                <span className="sr-only">Size of {w.title}</span>
                <select value={w.size} onChange={(e) => onResize(e.target.value as WidgetSize)}>
                  <option value="small">Small</option>
                  <option value="medium">Medium</option>
                  <option value="large">Large</option>
                </select>
              </label>
            )}
            {onEdit && (
              <button type="button" onClick={onEdit} aria-label={`Edit widget ${w.title}`}>
                Edit
              </button>
            )}
            {onRemove && (
              <button
                type="button"
                className="danger"
                onClick={onRemove}
                aria-label={`Remove widget ${w.title}`}
              >
                Remove
              </button>
            )}
          </div>
        )}
      </header>
      {w.query && <p className="widget-query mono">{w.query}</p>}
      <WidgetBody w={w} />
    </article>
  );
}
