/**
 * QQL errors are BulwarkErrors with a 1-based column, so the API can answer 400 with a
 * message that points at the mistake (`... at column 12`). Columns count code points,
 * not UTF-16 units, so an emoji or a look-alike before the mistake does not shift it.
 */
import { BulwarkError, type ErrorCode } from '../core/errors.js';

export type QqlErrorCode = Extract<ErrorCode, `QQL_${string}`>;

export class QqlError extends BulwarkError {
  /** 1-based column (in code points) of the offending text; 0 when it has no place (a limit). */
  readonly column: number;

  constructor(code: QqlErrorCode, message: string, column: number) {
    super(code, message);
    this.name = 'QqlError';
    this.column = column;
  }
}

/** The 1-based column, in code points, of a UTF-16 offset into `text`. */
export function columnAt(text: string, offset: number): number {
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    column++;
  }
  return column;
}

/** Throws a QQL error located at a UTF-16 offset of `text`; the message gets `at column N`. */
export function failAt(code: QqlErrorCode, text: string, offset: number, what: string, hint?: string): never {
  const column = columnAt(text, offset);
  throw new QqlError(code, `${what} at column ${column}${hint ? `; ${hint}` : ''}`, column);
}
