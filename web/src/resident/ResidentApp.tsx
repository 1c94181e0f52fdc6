import { DotLoading, TabBar } from 'antd-mobile';
import { EditSOutline, SearchOutline, UserOutline } from 'antd-mobile-icons';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PhoneShell } from '../mobile/kit/PhoneShell';
import { ReportPage } from './ReportPage';

// The report page comes with the area; the others load when opened, so the first page stays light.
const TrackPage = lazy(() => import('./TrackPage').then((m) => ({ default: m.TrackPage })));
const SignInPage = lazy(() => import('./SignInPage').then((m) => ({ default: m.SignInPage })));
const MyCasesPage = lazy(() => import('./MyCasesPage').then((m) => ({ default: m.MyCasesPage })));
const MyCasePage = lazy(() => import('./MyCasePage').then((m) => ({ default: m.MyCasePage })));
const ContactCardPage = lazy(() => import('./ContactCardPage').then((m) => ({ default: m.ContactCardPage })));

/** The resident area (mounted at /r/*): report a problem and follow it without signing in; sign in with the phone for "我的诉求". */
export default function ResidentApp() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const active = location.pathname.startsWith('/r/track')
    ? '/r/track'
    : location.pathname.startsWith('/r/cases') || location.pathname.startsWith('/r/login')
      ? '/r/cases'
      : '/r/report';
  return (
    <PhoneShell>
      <Suspense
        fallback={
          <div style={{ padding: 48, textAlign: 'center' }}>
            <DotLoading />
          </div>
        }
      >
        <Routes>
          <Route index element={<Navigate to="report" replace />} />
          <Route path="report" element={<ReportPage />} />
          <Route path="track" element={<TrackPage />} />
          <Route path="login" element={<SignInPage />} />
          <Route path="cases" element={<MyCasesPage />} />
          <Route path="cases/:id" element={<MyCasePage />} />
          <Route path="card/:gridCode" element={<ContactCardPage />} />
          <Route path="*" element={<Navigate to="report" replace />} />
        </Routes>
      </Suspense>
      <div className="wg-tabbar">
        <TabBar activeKey={active} onChange={(key) => navigate(key)}>
          <TabBar.Item key="/r/report" title={t('resident.nav.report')} icon={<EditSOutline />} />
          <TabBar.Item key="/r/track" title={t('resident.nav.track')} icon={<SearchOutline />} />
          <TabBar.Item key="/r/cases" title={t('residentAccount.nav.mine')} icon={<UserOutline />} />
        </TabBar>
      </div>
    </PhoneShell>
  );
}
