import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { useFormSave } from '../../shared/forms/useFormSave';
import { useUnits, type Unit } from './peopleApi';
import { codeOf, nodeChoice, TerritoryTreeSelect, type Level, type NodeChoice } from './TerritoryTreeSelect';

const kinds = ['department', 'office', 'community', 'partner'] as const;
type Kind = (typeof kinds)[number];
const kindLevels: Record<Kind, Level[]> = { department: ['county', 'town'], office: ['town'], community: ['village'], partner: ['county', 'town', 'village'] };
const kindColour: Record<Kind, string> = { department: 'blue', office: 'purple', community: 'green', partner: 'gold' };
const k = 'adminUsers.units';

interface Values {
  code: string;
  name: string;
  shortName?: string | null;
  kind: Kind;
  node?: NodeChoice | null;
}

function UnitDrawer({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [version, setVersion] = useState(unit?.version ?? 1);
  const kind = Form.useWatch('kind', form) ?? unit?.kind ?? 'department';
  const initial: Partial<Values> = unit
    ? { code: unit.code, name: unit.name, shortName: unit.shortName, kind: unit.kind, node: unit.territoryNode ? nodeChoice(unit.territoryNode) : null }
    : { kind: 'department', node: null };

  const { submit, saving, problem, clearProblem } = useFormSave(form, {
    save: (values: Values) => {
      const body = { code: values.code.trim(), name: values.name.trim(), shortName: values.shortName?.trim() || null, kind: values.kind, territoryNodeCode: values.node ? codeOf(values.node) : null };
      return unit ? call(api.PATCH('/api/v1/units/{id}', { params: { path: { id: unit.id } }, body: { ...body, version } })) : call(api.POST('/api/v1/units', { body }));
    },
    success: (saved) => t(unit ? `${k}.saved` : `${k}.created`, { name: saved.name }),
    invalidate: [['units']],
    onSaved: onClose,
    fields: ['code', 'name', 'shortName', 'kind', 'node'],
    aliases: { territoryNodeCode: 'node' },
    fieldErrorsText: t('adminUsers.drawer.fieldErrors'),
    failure: (reason) => t('adminUsers.drawer.saveFailed', { message: reason }),
    stale: unit
      ? {
          text: t(`${k}.stale`),
          reload: async () => {
            const fresh = (await queryClient.fetchQuery({ queryKey: ['units'], queryFn: () => call(api.GET('/api/v1/units')), staleTime: 0 })).items.find((u) => u.id === unit.id);
            if (fresh) {
              form.setFieldsValue({ code: fresh.code, name: fresh.name, shortName: fresh.shortName, kind: fresh.kind, node: fresh.territoryNode ? nodeChoice(fresh.territoryNode) : null });
              setVersion(fresh.version);
            }
          },
        }
      : undefined,
  });

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <Drawer
      open
      onClose={onClose}
      width={480}
      destroyOnHidden
      title={unit ? t(`${k}.editTitle`, { name: unit.shortName ?? unit.name }) : t(`${k}.createTitle`)}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} closable onClose={clearProblem} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} disabled={saving} requiredMark="optional">
        <Form.Item name="code" label={t(`${k}.code`)} extra={t(`${k}.codeHelp`)} rules={[required(t(`${k}.code`)), { pattern: /^[A-Z0-9][A-Z0-9-]{1,39}$/, message: t(`${k}.codeHelp`) }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={t(`${k}.name`)} rules={[required(t(`${k}.name`)), { min: 2 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="shortName" label={t(`${k}.shortName`)}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="kind" label={t(`${k}.kind`)} rules={[required(t(`${k}.kind`))]}>
          <Select options={kinds.map((v) => ({ value: v, label: t(`adminUsers.unitKinds.${v}`) }))} />
        </Form.Item>
        <Form.Item name="node" label={t(`${k}.node`)} extra={t(`${k}.nodeHelp`)}>
          <TerritoryTreeSelect allowClear selectable={kindLevels[kind]} deepest="village" placeholder={t(`${k}.nodePlaceholder`)} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 单位管理: departments, town offices, communities and partners. */
export default function UnitsPage() {
  const { t } = useTranslation();
  const units = useUnits();
  const [drawer, setDrawer] = useState<{ unit: Unit | null } | null>(null);
  const columns: TableColumnsType<Unit> = [
    { title: t(`${k}.columns.code`), dataIndex: 'code', width: 200 },
    { title: t(`${k}.columns.name`), dataIndex: 'name', ellipsis: true },
    { title: t(`${k}.columns.shortName`), dataIndex: 'shortName', width: 180, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t(`${k}.columns.kind`), dataIndex: 'kind', width: 120, render: (v: Kind) => <Tag color={kindColour[v]}>{t(`adminUsers.unitKinds.${v}`)}</Tag> },
    { title: t(`${k}.columns.node`), key: 'node', width: 180, render: (_, u) => u.territoryNode?.name ?? <Typography.Text type="secondary">{t(`${k}.countyWide`)}</Typography.Text> },
    {
      title: t(`${k}.columns.actions`),
      key: 'actions',
      width: 100,
      render: (_, u) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ unit: u })}>
          {t(`${k}.edit`)}
        </Button>
      ),
    },
  ];
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(`${k}.title`)}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ unit: null })}>
          {t(`${k}.create`)}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t(`${k}.intro`)}</Typography.Paragraph>
      {units.isError ? <Alert type="error" showIcon message={t(`${k}.loadFailed`, { message: errorMessage(units.error, t) })} style={{ marginBottom: 12 }} /> : null}
      <Table<Unit> rowKey="id" size="middle" loading={units.isFetching} columns={columns} dataSource={units.data?.items ?? []} tableLayout="fixed" pagination={{ pageSize: 20, showSizeChanger: false }} />
      {drawer ? <UnitDrawer key={drawer.unit?.id ?? 'new'} unit={drawer.unit} onClose={() => setDrawer(null)} /> : null}
    </div>
  );
}
