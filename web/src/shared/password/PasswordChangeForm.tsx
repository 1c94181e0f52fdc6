import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call } from '../../api/client';
import { errorMessage } from '../errors';
import { checkPassword, type PasswordRule } from './password-rules';

const ruleOrder: PasswordRule[] = ['length', 'classes', 'username', 'common', 'different'];

/** The rules, ticked off as the person types. */
export function PasswordRulesList({ password, username, currentPassword }: { password: string; username: string; currentPassword?: string }) {
  const { t } = useTranslation();
  const result = checkPassword(password, { username, currentPassword });
  return (
    <div className="wg-password-rules" data-testid="password-rules">
      <Typography.Text type="secondary">{t('adminUsers.password.rulesTitle')}</Typography.Text>
      <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }}>
        {ruleOrder.filter((rule) => rule !== 'different' || currentPassword !== undefined).map((rule) => {
          const met = password.length > 0 && result[rule];
          return (
            <li key={rule} data-met={met} style={{ display: 'flex', gap: 6, alignItems: 'baseline', color: met ? '#389e0d' : 'rgba(0,0,0,0.55)', lineHeight: 1.7 }}>
              {met ? <CheckCircleFilled /> : <CloseCircleOutlined />}
              <span>{t(`adminUsers.password.rules.${rule}`)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Current password, new password twice, the rules explained live. The server has the last word:
 * its field errors land on the fields. `onChanged` runs after success (this session stays signed in).
 */
export function PasswordChangeForm({ username, currentLabel, onChanged }: { username: string; currentLabel?: string; onChanged: () => void | Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const currentPassword = Form.useWatch('currentPassword', form) ?? '';
  const rules = checkPassword(newPassword, { username, currentPassword });
  const allMet = Object.values(rules).every(Boolean);
  const k = 'adminUsers.password';

  const submit = async (values: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      await call(api.POST('/api/v1/auth/password', { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } }));
      form.resetFields();
      await onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.problem?.errors?.length) {
        const byField = new Map<string, string[]>();
        for (const e of error.problem.errors) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
        form.setFields([...byField].filter(([name]) => name === 'currentPassword' || name === 'newPassword').map(([name, errors]) => ({ name: name as keyof Values, errors })));
      } else {
        setProblem(t(`${k}.changeFailed`, { message: errorMessage(error, t) }));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} style={{ maxWidth: 420 }} requiredMark={false}>
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} /> : null}
      <Form.Item name="currentPassword" label={currentLabel ?? t(`${k}.current`)} rules={[{ required: true, message: t('common.required', { field: currentLabel ?? t(`${k}.current`) }) }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t(`${k}.new`)} rules={[{ required: true, message: t('common.required', { field: t(`${k}.new`) }) }]} style={{ marginBottom: 8 }}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <div style={{ marginBottom: 16 }}>
        <PasswordRulesList password={newPassword} username={username} currentPassword={currentPassword} />
      </div>
      <Form.Item
        name="confirm"
        label={t(`${k}.confirm`)}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t(`${k}.confirm`) }) },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t(`${k}.mismatch`)))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} disabled={!allMet} data-testid="password-submit">
        {t(`${k}.submit`)}
      </Button>
    </Form>
  );
}
