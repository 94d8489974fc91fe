import { useEffect, useId, useRef, useState } from 'react';
import { readNumber, type NumberBounds } from '../../core/index.ts';
import { useI18n } from '../i18n/i18n.ts';

/**
 * A number typed as a person types it: the field keeps the text (so it can be cleared and
 * retyped), and only a value within the bounds is handed on. An empty, malformed or
 * out-of-range entry is marked invalid next to the field and never reaches the engine; leaving
 * the field puts the value in use back.
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
  const focused = useRef(false);
  const errorId = useId();
  // A value set from elsewhere (a restored scenario, a reset) shows unless the user is typing.
  useEffect(() => {
    if (!focused.current) {
      setText(String(value));
      setInvalid(false);
    }
  }, [value]);
  const format = (x: number) => x.toLocaleString(locale);
  const message = t(bounds.integer ? 'field.wholeRange' : 'field.range', { min: format(bounds.min), max: format(bounds.max) });
  return (
    <>
      <input
        id={id}
        type="number"
        min={bounds.min}
        max={bounds.max}
        step={step ?? (bounds.integer ? 1 : 'any')}
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        value={text}
        data-testid={testId}
        onFocus={() => {
          focused.current = true;
        }}
        onBlur={() => {
          focused.current = false;
          setText(String(value));
          setInvalid(false);
        }}
        onChange={(e) => {
          setText(e.target.value);
          const read = readNumber(e.target.value, bounds);
          setInvalid(!read.ok);
          if (read.ok && read.value !== value) onValue(read.value);
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
