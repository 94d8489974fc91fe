import { useEffect, useId, useRef, useState } from 'react';
import { readNumber, type NumberBounds } from '../../core/index.ts';
import { useI18n } from '../i18n/i18n.ts';

/** How long typing may pause before the value is taken; Enter and leaving the field take it at once. */
const SETTLE_MS = 500;

/**
 * A number typed as a person types it. The field keeps the text, so it can be cleared and
 * retyped; the value is taken once typing pauses (or on Enter, or on leaving the field), so the
 * digits on the way to a number ("1", "18" of "185") never run an analysis. Only a value within
 * the bounds is handed on: an empty, malformed or out-of-range entry is marked invalid next to
 * the field and never reaches the engine, and leaving the field shows the value in use again.
 * ↑ and ↓ step the value.
 */
export function NumberField({
  value,
  bounds,
  onValue,
  label,
  testId,
  id,
  step,
}: {
  value: number;
  bounds: NumberBounds;
  onValue: (value: number) => void;
  label?: string;
  testId?: string;
  id?: string;
  step?: number;
}) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(String(value));
  const [invalid, setInvalid] = useState(false);
  // Typed and not yet taken: only then does the field's text differ from the value in use.
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const errorId = useId();
  // What a field removed mid-typing (its option switched off) still has to hand on.
  const unsettled = useRef<(() => void) | null>(null);
  // A value set from elsewhere (a restored scenario, a reset, another facility type) shows unless the user is typing.
  useEffect(() => {
    if (!dirty.current) {
      setText(String(value));
      setInvalid(false);
    }
  }, [value]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      unsettled.current?.();
    },
    [],
  );

  const take = (raw: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    unsettled.current = null;
    dirty.current = false;
    const read = readNumber(raw, bounds);
    setInvalid(!read.ok);
    if (read.ok && read.value !== value) onValue(read.value);
    return read.ok;
  };
  const format = (x: number) => x.toLocaleString(locale);
  const message = t(bounds.integer ? 'field.wholeRange' : 'field.range', { min: format(bounds.min), max: format(bounds.max) });
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        value={text}
        data-testid={testId}
        onBlur={() => {
          if (dirty.current) take(text);
          setText(String(value));
          setInvalid(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && dirty.current) take(text);
          if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
          e.preventDefault();
          const read = readNumber(text, bounds);
          const base = read.ok ? read.value : value;
          const next = Math.min(bounds.max, Math.max(bounds.min, base + (e.key === 'ArrowUp' ? 1 : -1) * (step ?? 1)));
          const rounded = Number(next.toFixed(6));
          setText(String(rounded));
          take(String(rounded));
        }}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          dirty.current = true;
          if (timer.current) clearTimeout(timer.current);
          // Marked at once when it cannot become valid by typing on; taken when typing pauses.
          setInvalid(raw.trim() !== '' && !/^-?\d*\.?\d*$/.test(raw.trim()));
          timer.current = setTimeout(() => take(raw), SETTLE_MS);
          unsettled.current = () => {
            const read = readNumber(raw, bounds);
            if (read.ok && read.value !== value) onValue(read.value);
          };
        }}
      />
      {invalid && (
        <small className="field-error" id={errorId} role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {message}
        </small>
      )}
    </>
  );
}
