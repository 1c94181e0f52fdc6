import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Modal, Select, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';

type Cadence = Schemas['VisitCadence'];
interface Draft {
  nodeId: string;
  householdsPerDay: number;
  cycleDays: number;
  workingDaysOnly: boolean;
  version?: number;
}

/** 走访节奏: the rules on, above and under the caller's nodes; edit (visit:plan) and 重新生成计划. */
export default function CadencesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const canPlan = !!user?.permissions.includes('visit:plan');
  const cadences = useQuery({ queryKey: ['visit-cadences'], queryFn: () => call(api.GET('/api/v1/visits/cadences')) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  // The caller's own nodes are the places they may set a rule on (towns/villages under them are reached by id from coverage).
  const nodeOptions = (user?.nodes ?? []).map((n) => ({ value: n.id, label: n.name }));
  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      await call(api.PUT('/api/v1/visits/cadences', { body: draft }));
      message.success(t('visits.cadence.saved'));
      setDraft(null);
      await queryClient.invalidateQueries({ queryKey: ['visit-cadences'] });
    } catch (error) {
      message.error(errorMessage(error, t));
    } finally {
      setSaving(false);
    }
  };
  const replan = async (nodeId: string) => {
    try {
      const result = await call(api.POST('/api/v1/visits/plans/replan', { body: { nodeId } }));
      message.success(t('visits.cadence.replanned', { count: result.towns.length }));
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };
  const edit = (row: Cadence) => setDraft({ nodeId: row.nodeId, householdsPerDay: row.householdsPerDay, cycleDays: row.cycleDays, workingDaysOnly: row.workingDaysOnly, version: row.version });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('visits.cadence.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('visits.cadence.intro')}</Typography.Paragraph>
      {cadences.error && <Alert type="error" message={errorMessage(cadences.error, t)} />}
      {canPlan && (
        <Space>
          <Button type="primary" onClick={() => setDraft({ nodeId: nodeOptions[0]?.value ?? '', householdsPerDay: 7, cycleDays: 60, workingDaysOnly: true })}>
            {t('visits.cadence.add')}
          </Button>
          {nodeOptions[0] && <Button onClick={() => void replan(nodeOptions[0]!.value)}>{t('visits.cadence.replan')}</Button>}
        </Space>
      )}
      <Table
        rowKey="id"
        loading={cadences.isLoading}
        dataSource={cadences.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('visits.cadence.node'), dataIndex: 'nodeName' },
          { title: t('visits.cadence.perDay'), dataIndex: 'householdsPerDay', align: 'right' },
          { title: t('visits.cadence.cycle'), dataIndex: 'cycleDays', align: 'right' },
          { title: t('visits.cadence.workingDaysOnly'), dataIndex: 'workingDaysOnly', render: (v: boolean) => (v ? t('visits.cadence.yes') : t('visits.cadence.no')) },
          ...(canPlan ? [{ key: 'edit', render: (_: unknown, row: Cadence) => <a onClick={() => edit(row)}>{t('visits.cadence.edit')}</a> }] : []),
        ]}
      />
      <Modal open={!!draft} title={t('visits.cadence.title')} onCancel={() => setDraft(null)} onOk={() => void save()} okText={t('visits.cadence.save')} confirmLoading={saving}>
        {draft && (
          <Form layout="vertical">
            <Form.Item label={t('visits.cadence.node')}>
              <Select value={draft.nodeId} disabled={draft.version !== undefined} options={nodeOptions} placeholder={t('visits.cadence.pickNode')} onChange={(nodeId) => setDraft({ ...draft, nodeId })} />
            </Form.Item>
            <Form.Item label={t('visits.cadence.perDay')}>
              <InputNumber min={1} max={50} value={draft.householdsPerDay} onChange={(v) => setDraft({ ...draft, householdsPerDay: v ?? 7 })} />
            </Form.Item>
            <Form.Item label={t('visits.cadence.cycle')}>
              <InputNumber min={7} max={366} value={draft.cycleDays} onChange={(v) => setDraft({ ...draft, cycleDays: v ?? 60 })} />
            </Form.Item>
            <Form.Item label={t('visits.cadence.workingDaysOnly')}>
              <Switch checked={draft.workingDaysOnly} onChange={(workingDaysOnly) => setDraft({ ...draft, workingDaysOnly })} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Space>
  );
}
