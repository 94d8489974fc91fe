import { ADMISSIONS, MIGRANT_SHARE_BOUNDS, type ByRegistration, type RegistrationSettings } from '../../core/index.ts';
import { useI18n } from '../i18n/i18n.ts';
import { NumberField } from './NumberField.tsx';

/**
 * Registered residents' children against migrants' (the Zhengzhou pilot's point: planning for
 * residents, Hukou or not): coverage and places by group under the admission policy, and the
 * policy and the migrants' share outside villages that decide them.
 */
export function RegistrationCard({
  byRegistration,
  settings,
  onSettings,
}: {
  byRegistration: ByRegistration | undefined;
  settings: RegistrationSettings;
  onSettings: (settings: RegistrationSettings) => void;
}) {
  const { t } = useI18n();
  const stated = settings.migrantShareOutsideVillages;
  const withShare = (share: number | undefined): RegistrationSettings =>
    share === undefined ? { admission: settings.admission ?? 'proportional' } : { admission: settings.admission ?? 'proportional', migrantShareOutsideVillages: share };
  return (
    <div className="equity-card" data-testid="registration-card">
      <h3>{t('registration.title')}</h3>
      <RegistrationTable byRegistration={byRegistration} />
      <div className="standard-field">
        <label>
          <span>{t('registration.admission')}</span>
          <select
            data-testid="registration-admission"
            value={settings.admission ?? 'proportional'}
            onChange={(e) => onSettings({ ...settings, admission: e.target.value as (typeof ADMISSIONS)[number] })}
          >
            {ADMISSIONS.map((a) => (
              <option key={a} value={a}>
                {t(`registration.admission.${a}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="standard-field">
        <label>
          <input type="checkbox" data-testid="registration-state-share" checked={stated !== undefined} onChange={(e) => onSettings(withShare(e.target.checked ? 0.2 : undefined))} />
          <span>{t('registration.share')}</span>
        </label>
        {stated !== undefined && <NumberField value={stated} bounds={MIGRANT_SHARE_BOUNDS} step={0.05} testId="registration-share" onValue={(share) => onSettings(withShare(share))} />}
      </div>
    </div>
  );
}

/** The two groups' pupils, coverage and places, and the ratio; or how many residents' registration is unknown. */
export function RegistrationTable({ byRegistration, testIdPrefix = 'registration' }: { byRegistration: ByRegistration | undefined; testIdPrefix?: string }) {
  const { t, n, pct } = useI18n();
  if (!byRegistration) return null;
  if (!byRegistration.available) {
    return (
      <p className="hint" data-testid={`${testIdPrefix}-unknown`}>
        {t('registration.unknown', { n: n(byRegistration.unknownResidents) })}
      </p>
    );
  }
  const { registered, migrants } = byRegistration;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th />
            <th scope="col">{t('registration.registered')}</th>
            <th scope="col">{t('registration.migrants')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('registration.pupils')}</th>
            <td data-testid={`${testIdPrefix}-registered-pupils`}>{n(registered.pupils)}</td>
            <td data-testid={`${testIdPrefix}-migrant-pupils`}>{n(migrants.pupils)}</td>
          </tr>
          <tr>
            <th scope="row">{t('equity.withinRadius')}</th>
            <td>{pct(registered.coveragePct)}</td>
            <td>{pct(migrants.coveragePct)}</td>
          </tr>
          <tr>
            <th scope="row">{t('equity.givenPlace')}</th>
            <td data-testid={`${testIdPrefix}-registered-served`}>{pct(registered.servedPct)}</td>
            <td data-testid={`${testIdPrefix}-migrant-served`}>{pct(migrants.servedPct)}</td>
          </tr>
        </tbody>
      </table>
      {byRegistration.servedRatio !== null && <p data-testid={`${testIdPrefix}-ratio`}>{t('registration.ratio', { ratio: byRegistration.servedRatio.toFixed(2) })}</p>}
      <p className="hint">{t(`registration.admission.${byRegistration.admission}`)}</p>
    </>
  );
}
