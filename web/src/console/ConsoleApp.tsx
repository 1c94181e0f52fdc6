import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { canOpen, useSession, type ConsolePage } from '../auth/session';
import { antdButtonConfig, antdTheme } from '../shared/theme';
import { ConsoleLayout } from './ConsoleLayout';
import { PageLoading } from './PageLoading';
import './console.css';

const HomePage = lazy(() => import('./home/HomePage'));
const VisitCoveragePage = lazy(() => import('./visits/CoveragePage'));
const VisitCadencesPage = lazy(() => import('./visits/CadencesPage'));
const InboxPage = lazy(() => import('./cases/InboxPage'));
const CaseDetailPage = lazy(() => import('./cases/CaseDetailPage'));
const SlipPage = lazy(() => import('./cases/SlipPage'));
const NewCasePage = lazy(() => import('./cases/NewCasePage'));
// Written by the map/admin engineer.
const MapPage = lazy(() => import('./map/MapPage'));
const TerritoryPage = lazy(() => import('./territory/TerritoryPage'));
const GridImportPage = lazy(() => import('./territory/GridImportPage'));
const CategoriesPage = lazy(() => import('./categories/CategoriesPage'));
const PrivacyPage = lazy(() => import('./privacy/PrivacyPage'));
const ContactCardsPage = lazy(() => import('./contact-cards/ContactCardsPage'));
const HouseholdsPage = lazy(() => import('./households/HouseholdsPage'));
const HouseholdImportPage = lazy(() => import('./households/HouseholdImportPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const PoliciesPage = lazy(() => import('./deadlines/PoliciesPage'));
const WhistleSettingsPage = lazy(() => import('./whistles/WhistleSettingsPage'));
const DuplicateRulesPage = lazy(() => import('./duplicates/DuplicateRulesPage'));
const SupervisionPage = lazy(() => import('./supervision/SupervisionPage'));
const ApiKeysPage = lazy(() => import('./integrations/ApiKeysPage'));
const WebhooksPage = lazy(() => import('./notifications/WebhooksPage'));
const NotificationSettingsPage = lazy(() => import('./notifications/NotificationSettingsPage'));
const UsersPage = lazy(() => import('./people/UsersPage'));
const UnitsPage = lazy(() => import('./people/UnitsPage'));
const RolesPage = lazy(() => import('./people/RolesPage'));
const AccountPage = lazy(() => import('./people/AccountPage'));
const AssignmentsPage = lazy(() => import('./assignments/AssignmentsPage'));
const CoveragePage = lazy(() => import('./assignments/CoveragePage'));
const DutyRosterPage = lazy(() => import('./duty/DutyRosterPage'));
const ClassificationPage = lazy(() => import('./classification/ClassificationPage'));

function RequireSignIn({ children }: { children: ReactNode }) {
  const { user, isLoading } = useSession();
  const location = useLocation();
  if (isLoading) return <PageLoading />;
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // A password an administrator chose must be replaced before anything else (the server insists too).
  if (user.mustChangePassword) return <Navigate to={`/password?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

/** A page the server's abilities (GET /auth/me) do not list for this person says so instead of failing on every request. */
function RequirePage({ page, children }: { page: ConsolePage; children: ReactNode }) {
  const { user } = useSession();
  const { t } = useTranslation();
  if (!canOpen(user, page)) return <div style={{ padding: 48, textAlign: 'center' }}>{t('common.noPermission')}</div>;
  return <>{children}</>;
}

/** The console area (mounted at /console/*): staff sign-in guard, antd locale and the console's routes. */
export default function ConsoleApp() {
  const { i18n } = useTranslation();
  const isEn = i18n.language === 'en';
  return (
    <ConfigProvider locale={isEn ? enUS : zhCN} theme={antdTheme} button={antdButtonConfig}>
      <AntApp>
        <RequireSignIn>
          <Routes>
            {/* The slip prints on its own, outside the layout. */}
            <Route
              path="cases/:id/slip"
              element={
                <Suspense fallback={<PageLoading />}>
                  <SlipPage />
                </Suspense>
              }
            />
            <Route element={<ConsoleLayout />}>
              <Route index element={<HomePage />} />
              <Route path="cases" element={<InboxPage />} />
              <Route path="cases/new" element={<NewCasePage />} />
              <Route path="cases/:id" element={<CaseDetailPage />} />
              <Route path="map" element={<MapPage />} />
              <Route path="visit-coverage" element={<VisitCoveragePage />} />
              <Route path="visit-cadences" element={<VisitCadencesPage />} />
              <Route path="contact-cards" element={<ContactCardsPage />} />
              <Route path="supervision" element={<SupervisionPage />} />
              <Route path="households" element={<HouseholdsPage />} />
              <Route path="household-import" element={<HouseholdImportPage />} />
              <Route path="territory" element={<RequirePage page="territory"><TerritoryPage /></RequirePage>} />
              <Route path="grid-import" element={<RequirePage page="grid-import"><GridImportPage /></RequirePage>} />
              <Route path="categories" element={<RequirePage page="categories"><CategoriesPage /></RequirePage>} />
              <Route path="audit" element={<RequirePage page="audit"><AuditPage /></RequirePage>} />
              <Route path="calendar" element={<RequirePage page="calendar"><CalendarPage /></RequirePage>} />
              <Route path="deadline-policies" element={<RequirePage page="deadline-policies"><PoliciesPage /></RequirePage>} />
              <Route path="whistle-settings" element={<RequirePage page="whistle-settings"><WhistleSettingsPage /></RequirePage>} />
              <Route path="duplicate-rules" element={<RequirePage page="duplicate-rules"><DuplicateRulesPage /></RequirePage>} />
              <Route path="api-keys" element={<RequirePage page="api-keys"><ApiKeysPage /></RequirePage>} />
              <Route path="classification" element={<RequirePage page="classification"><ClassificationPage /></RequirePage>} />
              <Route path="webhooks" element={<RequirePage page="webhooks"><WebhooksPage /></RequirePage>} />
              <Route path="notification-settings" element={<NotificationSettingsPage />} />
              <Route path="users" element={<RequirePage page="users"><UsersPage /></RequirePage>} />
              <Route path="units" element={<RequirePage page="units"><UnitsPage /></RequirePage>} />
              <Route path="roles" element={<RequirePage page="roles"><RolesPage /></RequirePage>} />
              <Route path="account" element={<AccountPage />} />
              <Route path="assignments" element={<AssignmentsPage />} />
              <Route path="assignment-coverage" element={<CoveragePage />} />
              <Route path="duty" element={<DutyRosterPage />} />
              <Route path="privacy" element={<PrivacyPage />} />
              <Route path="*" element={<Navigate to="/console" replace />} />
            </Route>
          </Routes>
        </RequireSignIn>
      </AntApp>
    </ConfigProvider>
  );
}
