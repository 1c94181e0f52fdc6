import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { tiers, type Tier } from './assignmentsApi';
import { showFieldErrors } from './peopleApi';
import { StaffSelect } from './StaffSelect';
import { codeOf, TerritoryTreeSelect, type NodeChoice } from './TerritoryTreeSelect';

interface Values {
  staffId: string;
  node: NodeChoice;
  tier: Tier;
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
  note?: string;
}

/** New 包联: a person, a village or grid under the caller's nodes, a tier and dates. */
export function AssignmentCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const k = 'assignments.create';

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      await call(
        api.POST('/api/v1/assignments', {
          body: { staffId: v.staffId, nodeCode: codeOf(v.node), tier: v.tier, startsOn: v.startsOn.format('YYYY-MM-DD'), endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null, note: v.note?.trim() || null },
        }),
      );
      message.success(t(`${k}.created`));
      await queryClient.invalidateQueries({ queryKey: ['assignments'] });
      await queryClient.invalidateQueries({ queryKey: ['assignment-ladder'] });
      form.resetFields();
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, error, ['staffId', 'tier', 'startsOn', 'endsOn', 'note'])) setProblem(errorMessage(error, t));
    } finally {
      setSaving(false);
    }
  };
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <Modal open={open} title={t(`${k}.title`)} onCancel={onClose} onOk={() => void save()} confirmLoading={saving} destroyOnHidden>
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ tier: 'town_cadre', startsOn: dayjs() }}>
        <Form.Item name="staffId" label={t(`${k}.staff`)} rules={[required(t(`${k}.staff`))]}>
          <StaffSelect placeholder={t(`${k}.staffPlaceholder`)} />
        </Form.Item>
        <Form.Item name="node" label={t(`${k}.node`)} rules={[required(t(`${k}.node`))]}>
          <TerritoryTreeSelect selectable={['village', 'grid']} placeholder={t(`${k}.nodePlaceholder`)} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="tier" label={t(`${k}.tier`)} rules={[required(t(`${k}.tier`))]}>
          <Select options={tiers.map((tier) => ({ value: tier, label: t(`assignments.tiers.${tier}`) }))} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="startsOn" label={t(`${k}.startsOn`)} rules={[required(t(`${k}.startsOn`))]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endsOn" label={t(`${k}.endsOn`)} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t(`${k}.note`)}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
