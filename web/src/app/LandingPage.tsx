import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../shared/LanguageSwitch';
import { brandColour } from '../shared/theme';

/** The front door: residents report or follow a case; staff sign in. Large, plain, phone-first. */
export default function LandingPage() {
  const { t } = useTranslation();
  const big = { display: 'block', padding: '18px 20px', margin: '12px 0', borderRadius: 10, fontSize: 20, textDecoration: 'none', textAlign: 'center' as const };
  return (
    <main style={{ maxWidth: 480, margin: '0 auto', padding: 20, fontSize: 18 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h1 style={{ fontSize: 28, margin: '8px 0' }}>{t('common.appName')}</h1>
        <LanguageSwitch />
      </div>
      <p style={{ color: '#666' }}>{t('common.appTitle')}</p>
      <Link to="/r/report" style={{ ...big, background: brandColour, color: '#fff' }}>
        {t('common.reportProblem')}
        <small style={{ display: 'block', fontSize: 15, opacity: 0.85, marginTop: 4 }}>{t('common.reportProblemHint')}</small>
      </Link>
      <Link to="/r/track" style={{ ...big, background: '#fff', color: brandColour, border: `1px solid ${brandColour}` }}>
        {t('common.trackCase')}
        <small style={{ display: 'block', fontSize: 15, opacity: 0.85, marginTop: 4 }}>{t('common.trackCaseHint')}</small>
      </Link>
      <Link to="/r/cases" style={{ ...big, background: '#fff', color: brandColour, border: `1px solid ${brandColour}` }} data-testid="landing-mine">
        {t('residentAccount.landing.mine')}
        <small style={{ display: 'block', fontSize: 15, opacity: 0.85, marginTop: 4 }}>{t('residentAccount.landing.mineHint')}</small>
      </Link>
      <Link to="/login" style={{ ...big, color: '#555' }}>
        {t('common.staffSignIn')}
      </Link>
    </main>
  );
}
