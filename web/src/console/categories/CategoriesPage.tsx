import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema.gen';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';

type Category = Schemas['Category'];
type CategoryGroup = Schemas['CategoryGroup'];
type Unit = Schemas['Unit'];
type CategoryBody = paths['/api/v1/categories']['post']['requestBody']['content']['application/json'];
type GroupBody = paths['/api/v1/category-groups']['post']['requestBody']['content']['application/json'];

const COLOURS = ['red', 'yellow', 'green'] as const;
const LEVELS = ['grid', 'village', 'town', 'department'] as const;
const CLOCKS = ['continuous', 'working_hours', 'working_days'] as const;
const VERIFICATIONS = ['on_site', 'reporter', 'none'] as const;
const tagColour = { red: 'red', yellow: 'gold', green: 'green' } as const;
const k = 'console.admin.categories';

type CategoryForm = Omit<Category, 'version'>;

/**
 * Puts a 400's field errors on the form's fields; returns the ones no field shows.
 * The server names fields like `respondMinutes` (or `body.respondMinutes`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form shape
function showFieldErrors(form: FormInstance<any>, error: unknown, fieldNames: string[]): string[] {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.problem?.errors?.length) return [];
  const rest: string[] = [];
  const fields: Array<{ name: string; errors: string[] }> = [];
  for (const e of error.problem.errors) {
    const name = e.field.split('.').find((part) => fieldNames.includes(part));
    if (name) fields.push({ name, errors: [e.message] });
    else rest.push(`${e.field}: ${e.message}`);
  }
  form.setFields(fields);
  return rest;
}

function CategoryDrawer({
  open,
  category,
  groupCode,
  groups,
  units,
  onClose,
}: {
  open: boolean;
  category: Category | null;
  groupCode: string | null;
  groups: CategoryGroup[];
  units: Unit[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CategoryForm>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState<number | null>(category?.version ?? null);
  const isEn = i18n.language === 'en';
  const editing = !!category;
  const fieldNames = ['groupCode', 'code', 'nameZh', 'nameEn', 'colour', 'level', 'respondMinutes', 'resolveHours', 'clock', 'verification', 'defaultUnitCode', 'isActive'];

  const initial: Partial<CategoryForm> = category ?? {
    groupCode: groupCode ?? groups[0]?.code,
    colour: 'green',
    level: 'grid',
    respondMinutes: 15,
    resolveHours: 72,
    clock: 'working_hours',
    verification: 'on_site',
    defaultUnitCode: null,
    isActive: true,
  };

  const save = async () => {
    let values: CategoryForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setProblem(null);
    const body = { ...values, defaultUnitCode: values.defaultUnitCode ?? null };
    try {
      if (editing) {
        const { code: _code, ...changes } = body;
        const saved = await call(api.PATCH('/api/v1/categories/{code}', { params: { path: { code: category.code } }, body: { ...changes, version: version ?? category.version } }));
        message.success(t(`${k}.saved`, { name: isEn ? saved.nameEn : saved.nameZh }));
      } else {
        const saved = await call(api.POST('/api/v1/categories', { body: body as CategoryBody }));
        message.success(t(`${k}.created`, { name: isEn ? saved.nameEn : saved.nameZh }));
      }
      await queryClient.invalidateQueries({ queryKey: ['categories', 'admin'] });
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && editing) {
        // Someone else saved first: load their version into the form.
        setProblem(t(`${k}.stale`, { message: errorMessage(error, t) }));
        const fresh = await queryClient.fetchQuery({ queryKey: ['categories', 'admin'], queryFn: loadTaxonomy, staleTime: 0 }).catch(() => null);
        const latest = fresh?.groups.flatMap((g) => g.categories).find((c) => c.code === category.code);
        if (latest) {
          form.setFieldsValue(latest);
          setVersion(latest.version);
        }
      } else {
        const rest = showFieldErrors(form, error, fieldNames);
        const isFieldError = error instanceof ApiError && error.status === 400 && !!error.problem?.errors?.length;
        setProblem(isFieldError ? [t(`${k}.fieldErrors`), ...rest].join(' ') : t(`${k}.saveFailed`, { message: errorMessage(error, t) }));
      }
    } finally {
      setSaving(false);
    }
  };

  const req = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const options = <T extends string>(values: readonly T[], group: string) => values.map((v) => ({ value: v, label: t(`${k}.${group}.${v}`) }));
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={480}
      destroyOnHidden
      title={editing ? t(`${k}.editTitle`, { code: category.code }) : t(`${k}.addTitle`)}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()}>
            {saving ? t(`${k}.saving`) : t('common.save')}
          </Button>
        </Space>
      }
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} closable onClose={() => setProblem(null)} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional" disabled={saving}>
        <Form.Item name="groupCode" label={t(`${k}.fields.groupCode`)} rules={req(t(`${k}.fields.groupCode`))}>
          <Select options={groups.map((g) => ({ value: g.code, label: `${g.code} ${isEn ? g.nameEn : g.nameZh}` }))} />
        </Form.Item>
        <Form.Item name="code" label={t(`${k}.fields.code`)} extra={editing ? null : t(`${k}.fields.codeHint`)} rules={req(t(`${k}.fields.code`))}>
          <Input disabled={editing} maxLength={8} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="nameZh" label={t(`${k}.fields.nameZh`)} rules={req(t(`${k}.fields.nameZh`))} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t(`${k}.fields.nameEn`)} rules={req(t(`${k}.fields.nameEn`))} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="colour" label={t(`${k}.columns.colour`)} rules={req(t(`${k}.columns.colour`))} style={{ flex: 1 }}>
            <Select options={options(COLOURS, 'colours')} />
          </Form.Item>
          <Form.Item name="level" label={t(`${k}.columns.level`)} rules={req(t(`${k}.columns.level`))} style={{ flex: 1 }}>
            <Select options={options(LEVELS, 'levels')} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="respondMinutes" label={t(`${k}.fields.respondMinutes`)} rules={req(t(`${k}.fields.respondMinutes`))} style={{ flex: 1 }}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="resolveHours" label={t(`${k}.fields.resolveHours`)} rules={req(t(`${k}.fields.resolveHours`))} style={{ flex: 1 }}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="clock" label={t(`${k}.columns.clock`)} rules={req(t(`${k}.columns.clock`))} style={{ flex: 1 }}>
            <Select options={options(CLOCKS, 'clocks')} />
          </Form.Item>
          <Form.Item name="verification" label={t(`${k}.columns.verification`)} rules={req(t(`${k}.columns.verification`))} style={{ flex: 1 }}>
            <Select options={options(VERIFICATIONS, 'verifications')} />
          </Form.Item>
        </Flex>
        <Form.Item name="defaultUnitCode" label={t(`${k}.columns.defaultUnit`)}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t(`${k}.noUnit`)} options={units.map((u) => ({ value: u.code, label: u.name }))} />
        </Form.Item>
        <Form.Item name="isActive" label={t(`${k}.fields.isActive`)} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function GroupModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<GroupBody>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    let values: GroupBody;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const saved = await call(api.POST('/api/v1/category-groups', { body: values }));
      message.success(t(`${k}.created`, { name: i18n.language === 'en' ? saved.nameEn : saved.nameZh }));
      await queryClient.invalidateQueries({ queryKey: ['categories', 'admin'] });
      form.resetFields();
      onClose();
    } catch (error) {
      const rest = showFieldErrors(form, error, ['code', 'nameZh', 'nameEn', 'sortOrder']);
      const isFieldError = error instanceof ApiError && error.status === 400 && !!error.problem?.errors?.length;
      setProblem(isFieldError ? [t(`${k}.fieldErrors`), ...rest].join(' ') : t(`${k}.saveFailed`, { message: errorMessage(error, t) }));
    } finally {
      setSaving(false);
    }
  };
  const req = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <Modal open={open} title={t(`${k}.addGroupTitle`)} onCancel={onClose} onOk={() => void save()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ sortOrder: 0, isActive: true }} requiredMark="optional">
        <Form.Item name="code" label={t(`${k}.fields.code`)} extra={t(`${k}.fields.groupCodeHint`)} rules={req(t(`${k}.fields.code`))}>
          <Input maxLength={4} />
        </Form.Item>
        <Form.Item name="nameZh" label={t(`${k}.fields.nameZh`)} rules={req(t(`${k}.fields.nameZh`))}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t(`${k}.fields.nameEn`)} rules={req(t(`${k}.fields.nameEn`))}>
          <Input />
        </Form.Item>
        <Form.Item name="sortOrder" label={t(`${k}.fields.sortOrder`)}>
          <InputNumber precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function loadTaxonomy() {
  return call(api.GET('/api/v1/categories', { params: { query: { includeInactive: 'true' } } }));
}

/** /console/categories: the 大类/小类 taxonomy with each category's colour, level, limits and rules. */
export default function CategoriesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const isEn = i18n.language === 'en';
  const canEdit = !!user?.permissions.includes('category:edit');
  const taxonomy = useQuery({ queryKey: ['categories', 'admin'], queryFn: loadTaxonomy });
  const units = useQuery({ queryKey: ['units'], queryFn: () => call(api.GET('/api/v1/units')), staleTime: 5 * 60_000 });
  const unitName = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.code, u.shortName ?? u.name])), [units.data]);
  const [drawer, setDrawer] = useState<{ category: Category | null; groupCode: string | null } | null>(null);
  const [groupOpen, setGroupOpen] = useState(false);
  const [toggling, setToggling] = useState<string | null>(null);

  const toggle = async (c: Category) => {
    setToggling(c.code);
    const name = isEn ? c.nameEn : c.nameZh;
    try {
      await call(api.PATCH('/api/v1/categories/{code}', { params: { path: { code: c.code } }, body: { isActive: !c.isActive, version: c.version } }));
      message.success(t(c.isActive ? `${k}.deactivated` : `${k}.activated`, { name }));
    } catch (error) {
      message.error(error instanceof ApiError && error.status === 409 ? t(`${k}.stale`, { message: errorMessage(error, t) }) : t(`${k}.saveFailed`, { message: errorMessage(error, t) }));
    } finally {
      await queryClient.invalidateQueries({ queryKey: ['categories', 'admin'] });
      setToggling(null);
    }
  };

  const groups = taxonomy.data?.groups ?? [];
  const columns = [
    { title: t(`${k}.columns.code`), dataIndex: 'code', width: 72 },
    { title: t(`${k}.columns.name`), key: 'name', render: (_: unknown, c: Category) => (isEn ? c.nameEn : c.nameZh) },
    { title: t(`${k}.columns.colour`), dataIndex: 'colour', width: 72, render: (v: Category['colour']) => <Tag color={tagColour[v]}>{t(`${k}.colours.${v}`)}</Tag> },
    { title: t(`${k}.columns.level`), dataIndex: 'level', width: 100, render: (v: Category['level']) => t(`${k}.levels.${v}`) },
    { title: t(`${k}.columns.respondMinutes`), dataIndex: 'respondMinutes', width: 100, render: (v: number) => (v >= 60 && v % 60 === 0 ? t(`${k}.hours`, { count: v / 60 }) : t(`${k}.minutes`, { count: v })) },
    { title: t(`${k}.columns.resolveHours`), dataIndex: 'resolveHours', width: 100, render: (v: number) => t(`${k}.hours`, { count: v }) },
    { title: t(`${k}.columns.clock`), dataIndex: 'clock', width: 110, render: (v: Category['clock']) => t(`${k}.clocks.${v}`) },
    { title: t(`${k}.columns.verification`), dataIndex: 'verification', width: 110, render: (v: Category['verification']) => t(`${k}.verifications.${v}`) },
    {
      title: t(`${k}.columns.defaultUnit`),
      dataIndex: 'defaultUnitCode',
      width: 150,
      ellipsis: true,
      render: (v: string | null) => (v ? (unitName.get(v) ?? v) : <Typography.Text type="secondary">{t(`${k}.noUnit`)}</Typography.Text>),
    },
    {
      title: t(`${k}.columns.active`),
      dataIndex: 'isActive',
      width: 72,
      render: (v: boolean, c: Category) => <Switch size="small" checked={v} disabled={!canEdit} loading={toggling === c.code} onChange={() => void toggle(c)} />,
    },
    {
      title: t(`${k}.columns.actions`),
      key: 'actions',
      width: 80,
      render: (_: unknown, c: Category) => (
        <Button size="small" type="link" icon={<EditOutlined />} disabled={!canEdit} onClick={() => setDrawer({ category: c, groupCode: c.groupCode })}>
          {t(`${k}.edit`)}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(`${k}.title`)}
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} loading={taxonomy.isFetching} onClick={() => void taxonomy.refetch()}>
            {t('console.admin.refresh')}
          </Button>
          <Button icon={<PlusOutlined />} disabled={!canEdit} onClick={() => setGroupOpen(true)}>
            {t(`${k}.addGroup`)}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} disabled={!canEdit || groups.length === 0} onClick={() => setDrawer({ category: null, groupCode: null })}>
            {t(`${k}.addCategory`)}
          </Button>
        </Space>
      </Flex>
      <Typography.Text type="secondary">{t(`${k}.hint`)}</Typography.Text>
      {!canEdit ? <Alert type="info" showIcon message={t(`${k}.noPermission`)} /> : null}
      {units.isError ? <Alert type="warning" showIcon message={t(`${k}.unitsFailed`, { message: errorMessage(units.error, t) })} /> : null}
      {taxonomy.isLoading ? (
        <Spin tip={t('common.loading')}>
          <div style={{ height: 160 }} />
        </Spin>
      ) : taxonomy.isError ? (
        <Alert
          type="error"
          showIcon
          message={t(`${k}.loadFailed`, { message: errorMessage(taxonomy.error, t) })}
          action={<Button onClick={() => void taxonomy.refetch()}>{t('console.admin.retry')}</Button>}
        />
      ) : (
        groups.map((g) => (
          <Card
            key={g.code}
            size="small"
            title={
              <Space>
                <span>
                  {g.code} {isEn ? g.nameEn : g.nameZh}
                </span>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {t(`${k}.categoryCount`, { count: g.categories.length })}
                </Typography.Text>
                {!g.isActive ? <Tag>{t(`${k}.inactive`)}</Tag> : null}
              </Space>
            }
            extra={
              <Button size="small" icon={<PlusOutlined />} disabled={!canEdit} onClick={() => setDrawer({ category: null, groupCode: g.code })}>
                {t(`${k}.addCategory`)}
              </Button>
            }
          >
            <Table<Category>
              size="small"
              rowKey="code"
              dataSource={g.categories}
              columns={columns}
              pagination={false}
              scroll={{ x: 1060 }}
              locale={{ emptyText: t(`${k}.empty`) }}
              rowClassName={(c) => (c.isActive ? '' : 'wg-row-inactive')}
              onRow={(c) => ({ style: c.isActive ? undefined : { opacity: 0.55 } })}
            />
          </Card>
        ))
      )}
      {drawer ? (
        <CategoryDrawer
          open
          key={drawer.category?.code ?? `new-${drawer.groupCode ?? ''}`}
          category={drawer.category}
          groupCode={drawer.groupCode}
          groups={groups}
          units={units.data?.items ?? []}
          onClose={() => setDrawer(null)}
        />
      ) : null}
      <GroupModal open={groupOpen} onClose={() => setGroupOpen(false)} />
    </Flex>
  );
}
