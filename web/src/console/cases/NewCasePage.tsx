import { CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Cascader, Checkbox, Col, Descriptions, Form, Input, Radio, Result, Row, Space, TreeSelect, Typography } from 'antd';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema.gen';
import { useSession } from '../../auth/session';
import type { GridCollection, LatLng } from '../../shared/map/GridMap';
import { errorMessage } from '../../shared/errors';
import { PageLoading } from '../PageLoading';
import { demandTypes } from './format';
import { CategoryHint } from '../classification/CategoryHint';
import { useCategoryOptions } from './useCategories';
import { maxFreeText } from '../../shared/limits';
import { SimilarHint } from '../duplicates/SimilarHint';

const GridMap = lazy(() => import('../../shared/map/GridMap'));

type CreateBody = paths['/api/v1/cases']['post']['requestBody']['content']['application/json'];
type Created = Schemas['CreatedCase'];

const channels = ['hotline', 'staff', 'sms', 'email'] as const;

interface Values {
  channel: (typeof channels)[number];
  demandType: (typeof demandTypes)[number];
  category?: string[];
  description: string;
  locateBy: 'address' | 'grid' | 'map';
  address?: string;
  gridCode?: string;
  isAnonymous?: boolean;
  reporterName?: string;
  reporterPhone?: string;
}

interface TreeNode {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

/** A lazily expanding tree of the signed-in person's territory down to grids. */
function GridPicker({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [nodes, setNodes] = useState<TreeNode[]>(() =>
    (user?.nodes ?? []).map((n) => ({ id: n.code, value: n.code, title: `${n.name}（${n.code}）`, isLeaf: n.level === 'grid', selectable: n.level === 'grid' })),
  );
  const [error, setError] = useState<string | null>(null);
  async function load(code: string) {
    try {
      const node = await call(api.GET('/api/v1/territories/{code}', { params: { path: { code } } }));
      setNodes((current) => [
        ...current,
        ...node.children
          .filter((c) => !current.some((x) => x.id === c.code))
          .map((c) => ({ id: c.code, pId: code, value: c.code, title: `${c.name}（${c.code}）`, isLeaf: c.level === 'grid', selectable: c.level === 'grid' })),
      ]);
    } catch (e) {
      setError(t('console.newCase.gridsFailed', { message: errorMessage(e, t) }));
    }
  }
  return (
    <>
      <TreeSelect
        id={id}
        treeDataSimpleMode
        treeData={nodes}
        loadData={(node) => load(String(node.value))}
        value={value}
        onChange={onChange}
        placeholder={t('console.newCase.gridPlaceholder')}
        showSearch
        treeNodeFilterProp="title"
        style={{ width: '100%' }}
        allowClear
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
    </>
  );
}

/** The grids of the signed-in person's first territory node, for picking a point. */
function MapPicker({ value, onChange }: { value?: LatLng; onChange?: (v: LatLng) => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const under = user?.nodes[0]?.code;
  const grids = useQuery({
    queryKey: ['grids', 'export', under],
    queryFn: () => call(api.GET('/api/v1/grids/export', { params: { query: { under } } })),
    staleTime: 10 * 60_000,
  });
  return (
    <div>
      <Typography.Text type="secondary">{value ? t('console.newCase.picked', { lat: value.lat.toFixed(6), lng: value.lng.toFixed(6) }) : t('console.newCase.mapHint')}</Typography.Text>
      {grids.error && <Alert type="error" showIcon message={t('console.newCase.gridsFailed', { message: errorMessage(grids.error, t) })} style={{ margin: '8px 0' }} />}
      <Suspense fallback={<PageLoading />}>
        <GridMap height={320} grids={(grids.data as GridCollection | undefined) ?? null} picked={value ?? null} onPick={(p) => onChange?.(p)} style={{ marginTop: 8 }} />
      </Suspense>
    </div>
  );
}

/** Staff record a case for a caller (hotline, walk-in, SMS, email); the caller gets number and tracking code. */
export default function NewCasePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values & { point?: LatLng }>();
  const categories = useCategoryOptions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  // One key per submission of this form's contents: a double click or a retry replays, never duplicates.
  const idempotencyKey = useRef<string | null>(null);
  const locateBy = Form.useWatch('locateBy', form);
  const anonymous = Form.useWatch('isAnonymous', form);
  const description = Form.useWatch('description', form) ?? '';
  const point = Form.useWatch('point', form);
  const category = Form.useWatch('category', form);

  async function submit(values: Values & { point?: LatLng }) {
    setBusy(true);
    setError(null);
    idempotencyKey.current ??= crypto.randomUUID();
    const location: CreateBody['location'] =
      values.locateBy === 'address' ? { address: values.address!.trim() } : values.locateBy === 'grid' ? { gridCode: values.gridCode! } : values.point ? { lat: values.point.lat, lng: values.point.lng, crs: 'wgs84' } : undefined;
    const body: CreateBody = {
      channel: values.channel,
      demandType: values.demandType,
      description: values.description.trim(),
      categoryCode: values.category?.[values.category.length - 1],
      location,
      isAnonymous: !!values.isAnonymous,
      reporter: values.isAnonymous ? undefined : { name: values.reporterName?.trim() || undefined, phone: values.reporterPhone?.trim() || undefined },
    };
    try {
      const result = await call(api.POST('/api/v1/cases', { body, params: { header: { 'idempotency-key': idempotencyKey.current } } }));
      setCreated(result);
      idempotencyKey.current = null;
      message.success(t('console.newCase.created'));
    } catch (e) {
      setError(t('console.newCase.failed', { message: errorMessage(e, t) }));
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <Card>
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={t('console.newCase.created')}
          subTitle={t('console.newCase.createdHint')}
          extra={
            <Space>
              <Link to={`/console/cases/${created.id}`}>
                <Button type="primary">{t('console.newCase.openCase')}</Button>
              </Link>
              <Button
                onClick={() => {
                  setCreated(null);
                  form.resetFields();
                }}
              >
                {t('console.newCase.another')}
              </Button>
            </Space>
          }
        >
          <Descriptions column={1} bordered size="middle" style={{ maxWidth: 520, margin: '0 auto' }} data-testid="created-case">
            <Descriptions.Item label={t('console.newCase.number')}>
              <Typography.Text copyable strong style={{ fontSize: 18 }}>
                {created.number}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.newCase.trackingCode')}>
              <Typography.Text copyable strong style={{ fontSize: 22, letterSpacing: 3 }}>
                {created.trackingCode}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.detail.status')}>{created.statusLabel}</Descriptions.Item>
          </Descriptions>
        </Result>
      </Card>
    );
  }

  return (
    <Card title={t('console.newCase.title')}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {categories.error && <Alert type="warning" showIcon message={t('console.newCase.categoriesFailed', { message: errorMessage(categories.error, t) })} style={{ marginBottom: 16 }} />}
      <Form<Values & { point?: LatLng }>
        form={form}
        layout="vertical"
        disabled={busy}
        initialValues={{ channel: 'hotline', demandType: 'help', locateBy: 'address', isAnonymous: false }}
        onValuesChange={() => {
          idempotencyKey.current = null;
        }}
        onFinish={submit}
        style={{ maxWidth: 980 }}
        data-testid="new-case-form"
      >
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form.Item name="channel" label={t('console.newCase.channel')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={channels.map((c) => ({ value: c, label: t(`console.inbox.channels.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="demandType" label={t('console.newCase.demandType')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={demandTypes.map((d) => ({ value: d, label: t(`console.inbox.demandTypes.${d}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="category" label={t('console.newCase.category')}>
          <Cascader options={categories.options} placeholder={t('console.newCase.categoryPlaceholder')} showSearch style={{ maxWidth: 420 }} loading={categories.isLoading} expandTrigger="hover" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('console.newCase.description')}
          rules={[{ required: true, whitespace: true, message: t('console.actions.required', { field: t('console.newCase.description') }) }]}
        >
          <Input.TextArea rows={4} maxLength={maxFreeText} showCount placeholder={t('console.newCase.descriptionPlaceholder')} />
        </Form.Item>
        <CategoryHint description={description} onPick={(code) => form.setFieldValue('category', [code.slice(0, 2), code])} />
        <Form.Item name="locateBy" label={t('console.newCase.locationBy')}>
          <Radio.Group
            options={[
              { value: 'address', label: t('console.newCase.byAddress') },
              { value: 'grid', label: t('console.newCase.byGrid') },
              { value: 'map', label: t('console.newCase.byMap') },
            ]}
          />
        </Form.Item>
        {locateBy === 'address' && (
          <Form.Item name="address" label={t('console.newCase.address')} rules={[{ required: true, whitespace: true, message: t('console.actions.required', { field: t('console.newCase.address') }) }]}>
            <Input maxLength={200} placeholder={t('console.newCase.addressPlaceholder')} style={{ maxWidth: 520 }} />
          </Form.Item>
        )}
        {locateBy === 'grid' && (
          <Form.Item name="gridCode" label={t('console.newCase.grid')} rules={[{ required: true, message: t('console.actions.required', { field: t('console.newCase.grid') }) }]} style={{ maxWidth: 520 }}>
            <GridPicker />
          </Form.Item>
        )}
        {locateBy === 'map' && (
          <Form.Item name="point" label={t('console.newCase.byMap')} rules={[{ required: true, message: t('console.newCase.mapHint') }]}>
            <MapPicker />
          </Form.Item>
        )}
        {locateBy === 'map' && <SimilarHint draft={{ description, lat: point?.lat, lng: point?.lng, categoryCode: category?.[category.length - 1] }} />}
        <Form.Item name="isAnonymous" valuePropName="checked">
          <Checkbox>{t('console.newCase.anonymous')}</Checkbox>
        </Form.Item>
        {!anonymous && (
          <Row gutter={24} style={{ maxWidth: 720 }}>
            <Col xs={24} md={12}>
              <Form.Item name="reporterName" label={t('console.newCase.reporterName')}>
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="reporterPhone" label={t('console.newCase.reporterPhone')} rules={[{ pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: t('console.newCase.phoneInvalid') }]}>
                <Input maxLength={20} autoComplete="off" inputMode="tel" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="new-case-submit">
          {t('console.newCase.submit')}
        </Button>
      </Form>
    </Card>
  );
}
