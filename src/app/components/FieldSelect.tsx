import { useI18n } from '../i18n/i18n.ts';

/**
 * A label and a choice among a file's columns, "—" for none (offered while nothing is chosen
 * when `required`). Its id is `field-<testId>`.
 */
export function FieldSelect({ label, fields, value, onChange, testId, required = false }: { label: string; fields: readonly string[]; value: string | undefined; onChange: (v: string) => void; testId: string; required?: boolean }) {
  const { t } = useI18n();
  const id = `field-${testId}`;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {(!required || !value) && <option value="">{t('load.none')}</option>}
        {fields.map((f) => (
          <option key={f} value={f}>
            {f}
          </option>
        ))}
      </select>
    </>
  );
}
