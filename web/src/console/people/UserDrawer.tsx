import { Alert, Button, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useFormSave } from '../../shared/forms/useFormSave';
import { PasswordRulesList } from '../../shared/password/PasswordChangeForm';
import { type RoleInfo, type Unit, type UserAccount } from './peopleApi';
import { ProfileFields, profileBody, profileFieldNames, type ProfileValues } from './ProfileFields';
import { codeOf, levelOf, nodeChoice, TerritoryTreeSelect, type NodeChoice } from './TerritoryTreeSelect';

interface Values extends ProfileValues {
  username: string;
  displayName: string;
  role: RoleInfo['role'];
  unitId: string | null;
  nodes: NodeChoice[];
  passwordMode: 'generate' | 'choose';
  password?: string;
}

const fieldNames = ['username', 'displayName', 'role', 'unitId', 'nodes', 'password', ...profileFieldNames];
const k = 'adminUsers.drawer';

/**
 * Create or edit an account: role first, then the territory the role may hold (the tree greys out
 * other levels) and the unit. Creating ends with the one-time password, handed to `onCreated`.
 */
export function UserDrawer({
  open,
  user,
  roles,
  units,
  onClose,
  onCreated,
}: {
  open: boolean;
  user: UserAccount | null;
  roles: RoleInfo[];
  units: Unit[];
  onClose: () => void;
  onCreated: (user: UserAccount, oneTimePassword: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [version, setVersion] = useState(user?.version ?? 1);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const editing = !!user;
  const role = Form.useWatch('role', form);
  const passwordMode = Form.useWatch('passwordMode', form);
  const password = Form.useWatch('password', form) ?? '';
  const username = Form.useWatch('username', form) ?? user?.username ?? '';
  const rule = roles.find((r) => r.role === role);
  const levelNames = (rule?.nodeLevels ?? []).map((l) => t(`adminUsers.levels.${l}`)).join(lang === 'en' ? ', ' : '、');

  const initial: Partial<Values> = user
    ? { username: user.username, displayName: user.displayName, role: user.role, unitId: user.unit?.id ?? null, nodes: user.nodes.map(nodeChoice), passwordMode: 'generate', phone: user.phone, email: user.email, title: user.title, duties: user.duties }
    : { role: 'grid_worker', unitId: null, nodes: [], passwordMode: 'generate' };

  const { submit, saving, problem, clearProblem } = useFormSave(form, {
    save: async (values: Values) => {
      const nodeCodes = (values.nodes ?? []).map(codeOf);
      if (user) {
        const saved = await call(
          api.PATCH('/api/v1/users/{id}', {
            params: { path: { id: user.id } },
            body: { version, displayName: values.displayName, role: values.role, unitId: values.unitId ?? null, nodeCodes, ...profileBody(values) },
          }),
        );
        return { text: t(`${k}.saved`, { name: saved.displayName }), created: null };
      }
      const created = await call(
        api.POST('/api/v1/users', {
          body: {
            username: values.username,
            displayName: values.displayName,
            role: values.role,
            unitId: values.unitId ?? null,
            nodeCodes,
            ...profileBody(values),
            ...(values.passwordMode === 'choose' ? { password: values.password } : {}),
          },
        }),
      );
      return { text: t(`${k}.created`, { username: created.user.username }), created };
    },
    success: ({ text }) => text,
    invalidate: [['users']],
    onSaved: ({ created }) => {
      if (created) onCreated(created.user, created.oneTimePassword);
      onClose();
    },
    fields: fieldNames,
    aliases: { nodeCodes: 'nodes' },
    fieldErrorsText: t(`${k}.fieldErrors`),
    failure: (reason) => t(`${k}.saveFailed`, { message: reason }),
    // Someone else saved first: load their version into the form.
    stale: user
      ? {
          text: t(`${k}.stale`),
          reload: async () => {
            const fresh = await call(api.GET('/api/v1/users/{id}', { params: { path: { id: user.id } } })).catch(() => null);
            if (fresh) {
              form.setFieldsValue({ displayName: fresh.displayName, role: fresh.role, unitId: fresh.unit?.id ?? null, nodes: fresh.nodes.map(nodeChoice) });
              setVersion(fresh.version);
            }
          },
        }
      : undefined,
  });

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={520}
      destroyOnHidden
      title={editing ? t(`${k}.editTitle`, { name: user.displayName }) : t(`${k}.createTitle`)}
      extra={
        <Space>
          <Button onClick={onClose}>{t(`${k}.cancel`)}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="user-save">
            {t(`${k}.save`)}
          </Button>
        </Space>
      }
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} closable onClose={clearProblem} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} disabled={saving} requiredMark="optional">
        <Form.Item name="username" label={t(`${k}.username`)} extra={editing ? null : t(`${k}.usernameHelp`)} rules={[required(t(`${k}.username`)), { pattern: /^[a-z0-9][a-z0-9._-]{1,31}$/, message: t(`${k}.usernameHelp`) }]}>
          <Input disabled={editing} autoComplete="off" maxLength={32} data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t(`${k}.displayName`)} extra={t(`${k}.displayNameHelp`)} rules={[required(t(`${k}.displayName`))]}>
          <Input maxLength={40} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t(`${k}.role`)} rules={[required(t(`${k}.role`))]}>
          <Select
            data-testid="user-role"
            options={roles.map((r) => ({ value: r.role, label: r.label[lang] }))}
            onChange={(next: RoleInfo['role']) => {
              // Keep only the nodes the new role may hold.
              const levels = roles.find((r) => r.role === next)?.nodeLevels ?? [];
              form.setFieldValue('nodes', (form.getFieldValue('nodes') as NodeChoice[] | undefined)?.filter((n) => levels.includes(levelOf(n))) ?? []);
              void form.validateFields(['nodes', 'unitId']).catch(() => undefined);
            }}
          />
        </Form.Item>
        <Form.Item
          name="nodes"
          label={t(`${k}.nodes`)}
          required={!!rule && rule.minNodes > 0}
          extra={rule ? t(`${k}.nodesHelp`, { role: rule.label[lang], levels: levelNames }) : null}
          rules={[
            {
              validator: async (_, value: NodeChoice[] | undefined) => {
                const chosen = value ?? [];
                if (rule && chosen.length < rule.minNodes) throw new Error(t(`${k}.nodesRequired`, { levels: levelNames }));
                if (rule && chosen.some((n) => !rule.nodeLevels.includes(levelOf(n)))) throw new Error(t(`${k}.nodesWrongLevel`, { role: rule.label[lang], levels: levelNames }));
              },
            },
          ]}
        >
          <TerritoryTreeSelect multiple selectable={rule?.nodeLevels} placeholder={t(`${k}.nodesPlaceholder`)} data-testid="user-nodes" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t(`${k}.unit`)}
          required={!!rule?.requiresUnit}
          dependencies={['role']}
          rules={[{ validator: async (_, value: string | null) => void (rule?.requiresUnit && !value ? Promise.reject(new Error(t(`${k}.unitRequired`))) : undefined) }]}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t(`${k}.unitNone`)}
            options={units.map((u) => ({ value: u.id, label: u.shortName ? `${u.shortName}（${u.code}）` : `${u.name}（${u.code}）` }))}
            onChange={(v?: string) => form.setFieldValue('unitId', v ?? null)}
          />
        </Form.Item>
        <ProfileFields />
        {editing ? null : (
          <>
            <Form.Item name="passwordMode" label={t(`${k}.passwordMode`)} extra={t(`${k}.mustChangeNote`)} required>
              <Radio.Group
                options={[
                  { value: 'generate', label: t(`${k}.generate`) },
                  { value: 'choose', label: t(`${k}.choose`) },
                ]}
              />
            </Form.Item>
            {passwordMode === 'choose' ? (
              <>
                <Form.Item name="password" label={t(`${k}.password`)} rules={[required(t(`${k}.password`))]} style={{ marginBottom: 8 }}>
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
                <PasswordRulesList password={password} username={username} />
              </>
            ) : null}
          </>
        )}
      </Form>
    </Drawer>
  );
}
