import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, ConfigProvider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { homePathFor, useSession, type User } from '../auth/session';
import { LanguageSwitch } from '../shared/LanguageSwitch';
import { PasswordChangeForm } from '../shared/password/PasswordChangeForm';
import { Loading } from './Loading';
import { antdButtonConfig, antdTheme } from '../shared/theme';

/**
 * The screen an account with an administrator-chosen password lands on after signing in: nothing
 * else opens (the server answers 403 elsewhere) until a password of its own is set.
 */
function ChangePasswordPageContent() {
  const { t } = useTranslation();
  const { user, isLoading, signOut } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  // A spinner, not a blank page, while the session is read.
  if (isLoading) return <Loading />;
  if (!user) return <Navigate to="/login" replace />;
  const next = params.get('next');
  if (!user.mustChangePassword) return <Navigate to={next ?? homePathFor(user)} replace />;
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 460 }} data-testid="forced-password-change">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('adminUsers.password.forcedTitle')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {user.displayName} · {user.username}
        </Typography.Paragraph>
        <Alert type="info" showIcon message={t('adminUsers.password.forcedBody')} style={{ marginBottom: 20 }} />
        <PasswordChangeForm
          username={user.username}
          currentLabel={t('adminUsers.password.forcedCurrent')}
          onChanged={async () => {
            const changed: User = { ...user, mustChangePassword: false };
            queryClient.setQueriesData({ queryKey: ['me'] }, (old: User | null | undefined) => (old ? { ...old, mustChangePassword: false } : old));
            await queryClient.invalidateQueries({ queryKey: ['me'] });
            navigate(next ?? homePathFor(changed), { replace: true });
          }}
        />
        <Button
          type="link"
          style={{ padding: 0, marginTop: 16 }}
          onClick={async () => {
            await signOut();
            navigate('/login', { replace: true });
          }}
        >
          {t('adminUsers.password.signOut')}
        </Button>
      </Card>
    </div>
  );
}

/** In the app's theme colour, like the console it leads to. */
export default function ChangePasswordPage() {
  return (
    <ConfigProvider theme={antdTheme} button={antdButtonConfig}>
      <ChangePasswordPageContent />
    </ConfigProvider>
  );
}
