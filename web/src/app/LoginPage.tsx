import { Alert, Button, Card, ConfigProvider, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { homePathFor, useSession } from '../auth/session';
import { errorMessage } from '../shared/errors';
import { LanguageSwitch } from '../shared/LanguageSwitch';
import { antdButtonConfig, antdTheme } from '../shared/theme';

/** Staff sign-in (console and phone alike); afterwards each role lands on its own home. */
function LoginPageContent() {
  const { t } = useTranslation();
  const { user, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={params.get('next') ?? homePathFor(user)} replace />;
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('common.appName')} · {t('common.signInTitle')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('common.appTitle')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form
          layout="vertical"
          onFinish={async (values: { username: string; password: string }) => {
            setBusy(true);
            setError(null);
            try {
              const signedIn = await signIn(values.username.trim(), values.password);
              navigate(params.get('next') ?? homePathFor(signedIn), { replace: true });
            } catch (e) {
              setError(t('common.signInFailed', { message: errorMessage(e, t) }));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="username" label={t('common.username')} rules={[{ required: true, message: t('common.required', { field: t('common.username') }) }]}>
            <Input autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('common.password')} rules={[{ required: true, message: t('common.required', { field: t('common.password') }) }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('common.signIn')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

/** In the app's theme colour, like the console it leads to. */
export default function LoginPage() {
  return (
    <ConfigProvider theme={antdTheme} button={antdButtonConfig}>
      <LoginPageContent />
    </ConfigProvider>
  );
}
