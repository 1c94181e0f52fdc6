import {
  CopyOutlined,
  AlertOutlined,
  ApiOutlined,
  BellOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  SoundOutlined,
  CloudUploadOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileAddOutlined,
  IdcardOutlined,
  HomeOutlined,
  ContactsOutlined,
  KeyOutlined,
  ExperimentOutlined,
  LogoutOutlined,
  PartitionOutlined,
  PieChartOutlined,
  CarryOutOutlined,
  ProfileOutlined,
  SafetyOutlined,
  SettingOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
  BarChartOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { App, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { canOpen, useSession, type ConsolePage } from '../auth/session';
import { errorMessage } from '../shared/errors';
import { LanguageSwitch } from '../shared/LanguageSwitch';
import { PageLoading } from './PageLoading';
import { CoverageBanner } from './calendar/CoverageBanner';
import { SupervisionMenuLabel } from './supervision/SupervisionMenuLabel';
import { NotificationBell } from './notifications/NotificationBell';

const organisationMenu = 'group:organisation';
const settingsMenu = 'group:settings';
/** The admin pages grouped under a submenu, so the side menu stays short. */
const groupOf: Record<string, string> = {
  territory: organisationMenu,
  'grid-import': organisationMenu,
  users: organisationMenu,
  units: organisationMenu,
  roles: organisationMenu,
  categories: settingsMenu,
  'deadline-policies': settingsMenu,
  calendar: settingsMenu,
  'whistle-settings': settingsMenu,
  'duplicate-rules': settingsMenu,
  webhooks: settingsMenu,
  'api-keys': settingsMenu,
  classification: settingsMenu,
  audit: settingsMenu,
  privacy: settingsMenu,
};

/** Which menu entry a path belongs to. */
function selectedKey(pathname: string): string {
  const rest = pathname.replace(/^\/console\/?/, '');
  if (rest === '') return 'home';
  if (rest.startsWith('cases/new')) return 'cases/new';
  if (rest.startsWith('cases')) return 'cases';
  return rest.split('/')[0] ?? '';
}

/** The console's frame: sider menu, header with the person and language switch, the page. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const [signingOut, setSigningOut] = useState(false);
  const can = (page: ConsolePage) => canOpen(user, page);

  const selected = selectedKey(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => (groupOf[selected] ? [groupOf[selected]] : []));
  const group = groupOf[selected];
  useEffect(() => {
    // Reaching a grouped page by a link opens its group, so the selected entry is in view.
    if (group) setOpenKeys((keys) => (keys.includes(group) ? keys : [...keys, group]));
  }, [group]);

  /** The entries the server's abilities allow; a group shows when any of its pages does. */
  const entries = (list: Array<{ key: ConsolePage; icon: ReactNode; label: ReactNode }>) => list.filter((item) => can(item.key));
  const organisation = entries([
    { key: 'territory', icon: <ApartmentOutlined />, label: t('console.layout.territory') },
    { key: 'grid-import', icon: <CloudUploadOutlined />, label: t('console.layout.gridImport') },
    { key: 'users', icon: <TeamOutlined />, label: t('adminUsers.menu.users') },
    { key: 'units', icon: <SolutionOutlined />, label: t('adminUsers.menu.units') },
    { key: 'roles', icon: <IdcardOutlined />, label: t('adminUsers.menu.roles') },
  ]);
  const settings = entries([
    { key: 'categories', icon: <TagsOutlined />, label: t('console.layout.categories') },
    { key: 'deadline-policies', icon: <FieldTimeOutlined />, label: t('calendar.menu.policies') },
    { key: 'calendar', icon: <CalendarOutlined />, label: t('calendar.menu.calendar') },
    { key: 'whistle-settings', icon: <SoundOutlined />, label: t('whistles.settings.menu') },
    { key: 'duplicate-rules', icon: <CopyOutlined />, label: t('duplicates.rules.title') },
    { key: 'webhooks', icon: <ApiOutlined />, label: t('notifications.webhooks.menu') },
    { key: 'api-keys', icon: <KeyOutlined />, label: t('apiKeys.menu') },
    { key: 'classification', icon: <ExperimentOutlined />, label: t('classification.menu') },
    { key: 'audit', icon: <AuditOutlined />, label: t('audit.menu') },
    { key: 'privacy', icon: <SafetyOutlined />, label: t('privacy.menu') },
  ]);
  const items: MenuProps['items'] = [
    ...entries([
      { key: 'home', icon: <HomeOutlined />, label: t('console.layout.home') },
      { key: 'cases', icon: <ProfileOutlined />, label: t('console.layout.cases') },
      { key: 'cases/new', icon: <FileAddOutlined />, label: t('console.layout.newCase') },
      { key: 'map', icon: <EnvironmentOutlined />, label: t('console.layout.map') },
      { key: 'visit-coverage', icon: <BarChartOutlined />, label: t('visits.coverage.menu') },
      { key: 'visit-cadences', icon: <ScheduleOutlined />, label: t('visits.cadence.menu') },
      { key: 'contact-cards', icon: <IdcardOutlined />, label: t('contactCards.menu') },
      { key: 'supervision', icon: <AlertOutlined />, label: <SupervisionMenuLabel /> },
      { key: 'assignments', icon: <PartitionOutlined />, label: t('assignments.menu.assignments') },
      { key: 'assignment-coverage', icon: <PieChartOutlined />, label: t('assignments.menu.coverage') },
      { key: 'duty', icon: <CarryOutOutlined />, label: t('assignments.menu.duty') },
      { key: 'households', icon: <ContactsOutlined />, label: t('households.menu') },
      { key: 'household-import', icon: <CloudUploadOutlined />, label: t('households.importMenu') },
    ]),
    ...(organisation.length || settings.length ? [{ type: 'divider' as const }] : []),
    ...(organisation.length ? [{ key: organisationMenu, icon: <TeamOutlined />, label: t('console.layout.organisation'), children: organisation }] : []),
    ...(settings.length ? [{ key: settingsMenu, icon: <SettingOutlined />, label: t('console.layout.settings'), children: settings }] : []),
    { type: 'divider' as const },
    ...entries([
      { key: 'account', icon: <UserOutlined />, label: t('adminUsers.menu.account') },
      { key: 'notification-settings', icon: <BellOutlined />, label: t('notifications.prefs.menu') },
    ]),
  ];

  return (
    <Layout className="wg-console" style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64} theme="dark" className="wg-console-sider" style={{ position: 'sticky', top: 0, height: '100vh' }}>
        <div className="wg-console-brand" onClick={() => navigate('/console')}>
          <span className="wg-console-brand-mark">网</span>
          <span className="wg-console-brand-text" title={`${t('common.appName')} · ${t('console.title')}`}>{t('common.appName')}<span className="wg-console-brand-sub"> · {t('console.title')}</span></span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          className="wg-console-menu"
          data-testid="console-menu"
          selectedKeys={[selected]}
          openKeys={openKeys}
          onOpenChange={setOpenKeys}
          items={items}
          onClick={({ key }) => navigate(key === 'home' ? '/console' : `/console/${key}`)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="wg-console-header">
          <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
            {t('common.appTitle')}
          </Typography.Text>
          <Space size="middle" wrap={false}>
            <span className="wg-console-user">
              <UserOutlined />
              <span data-testid="console-user" className="wg-console-user-name" title={user?.displayName}>
                {user?.displayName}
              </span>
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {user?.roleLabel}
              </Tag>
            </span>
            <NotificationBell />
            <LanguageSwitch />
            <Button
              icon={<LogoutOutlined />}
              loading={signingOut}
              onClick={async () => {
                setSigningOut(true);
                try {
                  await signOut();
                  navigate('/login', { replace: true });
                } catch (e) {
                  message.error(t('console.layout.signOutFailed', { message: errorMessage(e, t) }));
                } finally {
                  setSigningOut(false);
                }
              }}
            >
              {t('console.layout.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="wg-console-content">
          {can('calendar') ? <CoverageBanner /> : null}
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
