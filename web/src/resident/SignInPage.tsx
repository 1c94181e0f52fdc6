import { Button, Form, Input } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, call } from '../api/client';
import { PhoneTitle } from '../mobile/kit/PhoneShell';
import { errorMessage } from '../shared/errors';
import { useResident, useResidentSession } from './residentSession';

const phonePattern = /^1[3-9]\d{9}$/;
const codePattern = /^\d{6}$/;

/** Only paths inside the resident area are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/r/') ? next : '/r/cases';
}

/** 手机号登录: mobile number → "get code" (with a countdown) → the 6-digit code → signed in. */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const resident = useResident();
  const { signIn } = useResidentSession();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [countdown, setCountdown] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const [isSigningIn, setSigningIn] = useState(false);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  if (resident.data) return <Navigate to={next} replace />;

  const sendCode = async () => {
    setError(null);
    setNotice(null);
    const number = phone.trim();
    if (!phonePattern.test(number)) return setError(t('residentAccount.signIn.phoneInvalid'));
    setSending(true);
    try {
      const sent = await call(api.POST('/api/v1/resident/otp', { body: { phone: number } }));
      setCountdown(sent.resendAfterSeconds);
      setNotice(sent.delivery === 'server_log' ? t('residentAccount.signIn.sentToLog') : t('residentAccount.signIn.sent', { phone: number }));
    } catch (e) {
      // A throttled request says how long to wait: count that down instead of letting them retry blindly.
      const wait = e instanceof ApiError ? Number(e.problem?.['retryAfterSeconds']) : NaN;
      if (Number.isFinite(wait) && wait > 0) setCountdown(Math.min(wait, 3600));
      setError(t('residentAccount.signIn.sendFailed', { message: errorMessage(e, t) }));
    } finally {
      setSending(false);
    }
  };

  const submit = async () => {
    setError(null);
    const number = phone.trim();
    if (!phonePattern.test(number)) return setError(t('residentAccount.signIn.phoneInvalid'));
    if (!codePattern.test(code.trim())) return setError(t('residentAccount.signIn.codeInvalid'));
    setSigningIn(true);
    try {
      await signIn(number, code.trim());
      navigate(next, { replace: true });
    } catch (e) {
      setError(t('residentAccount.signIn.failed', { message: errorMessage(e, t) }));
    } finally {
      setSigningIn(false);
    }
  };

  return (
    <>
      <PhoneTitle title={t('residentAccount.signIn.title')} />
      <p className="wg-hint" style={{ padding: '8px 16px 0' }}>{t('residentAccount.signIn.intro')}</p>
      <Form layout="vertical" mode="card" footer={null}>
        <Form.Item label={t('residentAccount.signIn.phone')}>
          <Input
            data-testid="resident-phone"
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            placeholder={t('residentAccount.signIn.phonePlaceholder')}
            value={phone}
            onChange={(v) => setPhone(v.replace(/\D/g, ''))}
            maxLength={11}
            clearable
          />
        </Form.Item>
        <Form.Item
          label={t('residentAccount.signIn.code')}
          extra={
            <Button size="small" color="primary" fill="outline" disabled={countdown > 0} loading={isSending} onClick={sendCode} data-testid="resident-get-code">
              {countdown > 0 ? t('residentAccount.signIn.resendIn', { seconds: countdown }) : isSending ? t('residentAccount.signIn.sending') : t('residentAccount.signIn.getCode')}
            </Button>
          }
        >
          <Input
            data-testid="resident-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder={t('residentAccount.signIn.codePlaceholder')}
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, ''))}
            maxLength={6}
            clearable
          />
        </Form.Item>
        <div style={{ padding: 12 }}>
          {notice && !error && <p className="wg-hint" role="status">{notice}</p>}
          {error && <p className="wg-error" role="alert">{error}</p>}
          <Button block color="primary" size="large" loading={isSigningIn} loadingText={t('residentAccount.signIn.submitting')} onClick={submit} data-testid="resident-sign-in">
            {t('residentAccount.signIn.submit')}
          </Button>
          <p className="wg-hint" style={{ marginTop: 12 }}>{t('residentAccount.signIn.privacy')}</p>
        </div>
      </Form>
    </>
  );
}
