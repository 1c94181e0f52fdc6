import { SpinLoading, TabBar } from 'antd-mobile';
import { BellOutline, CameraOutline, TeamOutline, UnorderedListOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session';
import { CasePage } from './CasePage';
import { PhoneShell } from './kit/PhoneShell';
import { PatrolReportPage } from './PatrolReportPage';
import { TasksPage } from './TasksPage';
import { NotificationsPage } from './NotificationsPage';
import { HouseholdVisitPage } from './visits/HouseholdVisitPage';
import { TodayVisitsPage } from './visits/TodayVisitsPage';

/** The grid worker's / cadre's phone (mounted at /m/*): tasks, a case, reporting on patrol. */
export default function MobileApp() {
  const { t } = useTranslation();
  const { user, isLoading } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (isLoading) {
    return (
      <PhoneShell>
        <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
          <SpinLoading />
          <p>{t('common.loading')}</p>
        </div>
      </PhoneShell>
    );
  }
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (user.mustChangePassword) return <Navigate to={`/password?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const active = location.pathname.startsWith('/m/visits') ? '/m/visits' : location.pathname.startsWith('/m/report') ? '/m/report' : location.pathname.startsWith('/m/notifications') ? '/m/notifications' : '/m/tasks';
  return (
    <PhoneShell>
      <Routes>
        <Route index element={<Navigate to="tasks" replace />} />
        <Route path="tasks" element={<TasksPage />} />
        <Route path="cases/:id" element={<CasePage />} />
        <Route path="report" element={<PatrolReportPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="visits" element={<TodayVisitsPage />} />
        <Route path="visits/households/:id" element={<HouseholdVisitPage />} />
        <Route path="*" element={<Navigate to="tasks" replace />} />
      </Routes>
      <div className="wg-tabbar">
        <TabBar activeKey={active} onChange={(key) => navigate(key)}>
          <TabBar.Item key="/m/tasks" title={t('mobile.nav.tasks')} icon={<UnorderedListOutline />} />
          <TabBar.Item key="/m/visits" title={t('visits.tab')} icon={<TeamOutline />} />
          <TabBar.Item key="/m/report" title={t('mobile.nav.report')} icon={<CameraOutline />} />
          <TabBar.Item key="/m/notifications" title={t('notifications.mobile.tab')} icon={<BellOutline />} />
        </TabBar>
      </div>
    </PhoneShell>
  );
}
