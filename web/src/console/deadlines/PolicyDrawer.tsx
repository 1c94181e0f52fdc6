import { Button, Drawer, Form, InputNumber, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useFormSave } from '../../shared/forms/useFormSave';
import { useCategoryOptions } from '../cases/useCategories';
import { policyKeys, type Policy, type PolicyBody } from './policiesApi';

export const COLOURS = ['red', 'yellow', 'green'] as const;
export const LEVELS = ['grid', 'village', 'town', 'department'] as const;
export const CLOCKS = ['continuous', 'working_hours', 'working_days'] as const;

/** Create or edit one policy; a blank category, colour or level means "any". */
export function PolicyDrawer({ open, policy, onClose }: { open: boolean; policy: Policy | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PolicyBody>();
  const categories = useCategoryOptions();
  const k = 'calendar.policies';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      policy ?? { categoryCode: null, colour: null, level: null, respondMinutes: 15, resolveMinutes: 4320, clock: 'working_days', autoEscalate: false, warnFraction: 0.8 },
    );
  }, [open, policy, form]);

  const { submit, saving } = useFormSave(form, {
    save: (values: PolicyBody) => {
      const body = { ...values, categoryCode: values.categoryCode ?? null, colour: values.colour ?? null, level: values.level ?? null };
      return policy
        ? call(api.PATCH('/api/v1/deadline-policies/{id}', { params: { path: { id: policy.id } }, body: { ...body, version: policy.version } }))
        : call(api.POST('/api/v1/deadline-policies', { body }));
    },
    success: () => t(`${k}.saved`),
    invalidate: [policyKeys.all],
    onSaved: onClose,
    errorsAs: 'message',
  });

  return (
    <Drawer
      open={open}
      width={420}
      title={t(policy ? `${k}.drawer.edit` : `${k}.drawer.create`)}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t(`${k}.drawer.cancel`)}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="policy-save">
            {t(`${k}.drawer.save`)}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="categoryCode" label={t(`${k}.columns.category`)}>
          <Select
            allowClear
            showSearch
            placeholder={t(`${k}.any`)}
            optionFilterProp="label"
            options={categories.options.map((g) => ({ label: g.label, title: g.title, options: g.children.map((c) => ({ value: c.value, label: `${c.value} ${c.label}` })) }))}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="colour" label={t(`${k}.columns.colour`)} style={{ flex: 1 }}>
            <Select allowClear placeholder={t(`${k}.any`)} options={COLOURS.map((c) => ({ value: c, label: t(`${k}.colours.${c}`) }))} />
          </Form.Item>
          <Form.Item name="level" label={t(`${k}.columns.level`)} style={{ flex: 1, marginInlineStart: 8 }}>
            <Select allowClear placeholder={t(`${k}.any`)} options={LEVELS.map((l) => ({ value: l, label: t(`${k}.levels.${l}`) }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="respondMinutes" label={t(`${k}.drawer.respondMinutes`)} rules={[{ required: true, type: 'integer', min: 1 }]}>
          <InputNumber min={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="clock" label={t(`${k}.columns.clock`)} rules={[{ required: true }]}>
          <Select options={CLOCKS.map((c) => ({ value: c, label: t(`${k}.clocks.${c}`) }))} />
        </Form.Item>
        <Form.Item name="resolveMinutes" label={t(`${k}.drawer.resolveMinutes`)} rules={[{ required: true, type: 'integer', min: 1 }]}>
          <InputNumber min={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="warnFraction" label={t(`${k}.drawer.warnFraction`)} rules={[{ required: true, type: 'number', min: 0.01, max: 0.99 }]}>
          <InputNumber min={0.01} max={0.99} step={0.05} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="autoEscalate" label={t(`${k}.columns.autoEscalate`)} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
