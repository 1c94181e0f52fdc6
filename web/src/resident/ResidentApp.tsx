import { TabBar } from 'antd-mobile';
import { EditSOutline, SearchOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PhoneShell } from '../mobile/kit/PhoneShell';
import { ReportPage } from './ReportPage';
import { TrackPage } from './TrackPage';

/** The resident area (mounted at /r/*, no sign-in): report a problem, follow it. */
export default function ResidentApp() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const active = location.pathname.startsWith('/r/track') ? '/r/track' : '/r/report';
  return (
    <PhoneShell>
      <Routes>
        <Route index element={<Navigate to="report" replace />} />
        <Route path="report" element={<ReportPage />} />
        <Route path="track" element={<TrackPage />} />
        <Route path="*" element={<Navigate to="report" replace />} />
      </Routes>
      <div className="wg-tabbar">
        <TabBar activeKey={active} onChange={(key) => navigate(key)}>
          <TabBar.Item key="/r/report" title={t('resident.nav.report')} icon={<EditSOutline />} />
          <TabBar.Item key="/r/track" title={t('resident.nav.track')} icon={<SearchOutline />} />
        </TabBar>
      </div>
    </PhoneShell>
  );
}
