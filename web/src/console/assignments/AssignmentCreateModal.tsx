import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useFormSave } from '../../shared/forms/useFormSave';
import { tiers, type Tier } from './assignmentsApi';
import { StaffSelect } from '../people/StaffSelect';
import { codeOf, TerritoryTreeSelect, type NodeChoice } from '../people/TerritoryTreeSelect';

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
  const [form] = Form.useForm<Values>();
  const k = 'assignments.create';

  const { submit, saving, problem } = useFormSave(form, {
    save: (v: Values) =>
      call(
        api.POST('/api/v1/assignments', {
          body: { staffId: v.staffId, nodeCode: codeOf(v.node), tier: v.tier, startsOn: v.startsOn.format('YYYY-MM-DD'), endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null, note: v.note?.trim() || null },
        }),
      ),
    success: () => t(`${k}.created`),
    invalidate: [['assignments'], ['assignment-ladder']],
    resetOnSave: true,
    onSaved: onClose,
    fields: ['staffId', 'tier', 'startsOn', 'endsOn', 'note'],
  });
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <Modal open={open} title={t(`${k}.title`)} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} destroyOnHidden>
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
