import { TabBar } from 'antd-mobile';
import { EditSOutline, SearchOutline, UserOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PhoneShell } from '../mobile/kit/PhoneShell';
import { ContactCardPage } from './ContactCardPage';
import { MyCasePage } from './MyCasePage';
import { MyCasesPage } from './MyCasesPage';
import { ReportPage } from './ReportPage';
import { SignInPage } from './SignInPage';
import { TrackPage } from './TrackPage';

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
