import { DeleteOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Flex, Form, Input, Modal, Popconfirm, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import { useFormSave } from '../../shared/forms/useFormSave';
import GridMap, { type GridCollection } from '../../shared/map/GridMap';
import { householdTags, memberRelations, tagColours, type HouseholdDetail, type UpdateHouseholdBody } from './householdsApi';

interface MemberForm {
  id?: string;
  masked?: { name: string | null; phone: string | null; idNumber: string | null; erased: boolean };
  name?: string;
  phone?: string;
  idNumber?: string;
  relation: string;
  tags: string[];
}

interface FormValues {
  gridCode: string;
  address: string;
  building?: string;
  unit?: string;
  room?: string;
  tags: string[];
  members: MemberForm[];
}

/** Edits one household (or adds one): address, grid, tags, members (masked; typed values replace), map point. */
export function HouseholdDrawer({ id, canEdit, onClose, onSaved }: { id: string | null; canEdit: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const canReveal = user?.permissions.includes('pii:read') ?? false;
  const [form] = Form.useForm<FormValues>();
  const [revealFor, setRevealFor] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Record<string, { name: string | null; phone: string | null; idNumber: string | null }>>({});
  const [reason, setReason] = useState('');

  const grids = useQuery({ queryKey: ['grids', 'export', 'all'], queryFn: async () => (await call(api.GET('/api/v1/grids/export'))) as unknown as GridCollection, staleTime: 5 * 60_000 });
  const detail = useQuery({ queryKey: ['households', 'detail', id], queryFn: () => call(api.GET('/api/v1/households/{id}', { params: { path: { id: id! } } })), enabled: id !== null });
  const household = detail.data;

  // The form shows each version of the household once: a background refetch of the same version must not
  // wipe what the person is typing (it used to reset a tag picked a moment before the answer came).
  const shownVersion = useRef<string | null>(null);
  useEffect(() => {
    if (!household) return;
    const version = `${household.id}:${household.version}`;
    if (shownVersion.current === version) return;
    shownVersion.current = version;
    form.setFieldsValue({
      gridCode: household.grid.code,
      address: household.address,
      building: household.building ?? undefined,
      unit: household.unit ?? undefined,
      room: household.room ?? undefined,
      tags: household.tags,
      members: household.members.map((m) => ({ id: m.id, masked: { name: m.name, phone: m.phone, idNumber: m.idNumber, erased: m.erased }, relation: m.relation, tags: m.tags })),
    });
  }, [household, form]);

  const gridOptions = useMemo(
    () => (grids.data?.features ?? []).filter((f) => f.properties?.kind !== 'special').map((f) => ({ value: String(f.properties?.code), label: `${String(f.properties?.name)} (${String(f.properties?.code)})` })),
    [grids.data],
  );
  const gridFeature = useMemo(() => {
    const feature = grids.data?.features.find((f) => f.properties?.code === household?.grid.code);
    return feature ? ({ type: 'FeatureCollection', features: [feature] } as GridCollection) : null;
  }, [grids.data, household?.grid.code]);

  const { run: save, saving } = useFormSave(form, {
    save: async (values: FormValues) => {
      const members = values.members.map((m) => ({
        ...(m.id ? { id: m.id } : {}),
        ...(m.name ? { name: m.name } : {}),
        ...(m.phone ? { phone: m.phone } : {}),
        ...(m.idNumber ? { idNumber: m.idNumber } : {}),
        relation: m.relation as UpdateHouseholdBody['members'] extends Array<infer M> | undefined ? (M extends { relation: infer R } ? R : never) : never,
        tags: m.tags as never,
      }));
      const place = { address: values.address, building: values.building || null, unit: values.unit || null, room: values.room || null, tags: values.tags as never, members };
      if (id === null) await call(api.POST('/api/v1/households', { body: { gridCode: values.gridCode, ...place } }));
      else await call(api.PATCH('/api/v1/households/{id}', { params: { path: { id } }, body: { version: household!.version, gridCode: values.gridCode, ...place } }));
    },
    success: () => t('households.drawer.saved'),
    onSaved: async () => {
      onSaved();
      if (id === null) onClose();
      else await detail.refetch();
    },
    errorsAs: 'message',
  });

  async function place(lat: number, lng: number) {
    if (!household) return;
    try {
      await call(api.PUT('/api/v1/households/{id}/location', { params: { path: { id: household.id } }, body: { version: household.version, lat, lng } }));
      message.success(t('households.drawer.placed'));
      await detail.refetch();
      onSaved();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  }

  async function deactivate(h: HouseholdDetail) {
    try {
      await call(api.POST('/api/v1/households/{id}/deactivate', { params: { path: { id: h.id } }, body: { version: h.version, reason: '已搬离' } }));
      message.success(t('households.drawer.deactivated'));
      onSaved();
      onClose();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  }

  async function reveal() {
    if (!household || !revealFor) return;
    try {
      const result = await call(api.POST('/api/v1/households/{id}/members/{memberId}/reveal', { params: { path: { id: household.id, memberId: revealFor } }, body: { reason } }));
      setRevealed({ ...revealed, [revealFor]: result });
      message.info(t('households.drawer.revealed'));
      setRevealFor(null);
      setReason('');
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  }

  const tagOptions = householdTags.map((tag) => ({ value: tag, label: t(`households.tags.${tag}`) }));
  const relationOptions = memberRelations.map((r) => ({ value: r, label: t(`households.relations.${r}`) }));
  return (
    <Drawer
      open
      width={760}
      title={id === null ? t('households.drawer.newTitle') : t('households.drawer.editTitle')}
      onClose={onClose}
      extra={
        canEdit ? (
          <Space>
            {household?.isActive ? (
              <Popconfirm title={t('households.drawer.deactivateConfirm')} onConfirm={() => deactivate(household)}>
                <Button danger>{t('households.drawer.deactivate')}</Button>
              </Popconfirm>
            ) : null}
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="household-save">
              {t('households.drawer.save')}
            </Button>
          </Space>
        ) : null
      }
    >
      {id !== null && detail.isLoading ? (
        <Spin />
      ) : (
        <Form<FormValues> form={form} layout="vertical" disabled={!canEdit} onFinish={save} initialValues={{ tags: [], members: [{ relation: 'head', tags: [] }] }}>
          <Row gutter={12}>
            <Col span={10}>
              <Form.Item name="gridCode" label={t('households.drawer.grid')} rules={[{ required: true, message: t('households.drawer.gridRequired') }]}>
                <Select showSearch optionFilterProp="label" placeholder={t('households.drawer.gridPlaceholder')} options={gridOptions} loading={grids.isLoading} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name="address" label={t('households.drawer.address')} rules={[{ required: true, whitespace: true, message: t('households.drawer.addressRequired') }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={8}><Form.Item name="building" label={t('households.drawer.building')}><Input maxLength={40} /></Form.Item></Col>
            <Col span={8}><Form.Item name="unit" label={t('households.drawer.unit')}><Input maxLength={40} /></Form.Item></Col>
            <Col span={8}><Form.Item name="room" label={t('households.drawer.room')}><Input maxLength={40} /></Form.Item></Col>
          </Row>
          <Form.Item name="tags" label={t('households.drawer.tags')}>
            <Select mode="multiple" options={tagOptions} tagRender={({ value, label, closable, onClose: close }) => <Tag color={tagColoursFor(String(value))} closable={closable} onClose={close}>{label}</Tag>} />
          </Form.Item>
          <Typography.Title level={5} style={{ marginBottom: 0 }}>{t('households.drawer.members')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('households.drawer.keep')}</Typography.Paragraph>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => {
                  const member = form.getFieldValue(['members', field.name]) as MemberForm | undefined;
                  const masked = member?.masked;
                  const clear = member?.id ? revealed[member.id] : undefined;
                  const hint = (value: string | null | undefined) => value ?? undefined;
                  return (
                    <Row key={field.key} gutter={8} align="top" className="wg-household-member">
                      {/* The member's id has no input, but must go back with the save: without it the server takes the row for a new member. */}
                      <Form.Item name={[field.name, 'id']} hidden noStyle><Input /></Form.Item>
                      <Col span={3}><Form.Item name={[field.name, 'name']} rules={member?.id ? [] : [{ required: true, message: t('households.drawer.nameRequired') }]} style={{ marginBottom: 0 }}><Input placeholder={clear?.name ?? hint(masked?.name) ?? t('households.drawer.name')} /></Form.Item></Col>
                      <Col span={4}><Form.Item name={[field.name, 'phone']} style={{ marginBottom: 0 }}><Input placeholder={clear?.phone ?? hint(masked?.phone) ?? t('households.drawer.phone')} /></Form.Item></Col>
                      <Col span={6}><Form.Item name={[field.name, 'idNumber']} style={{ marginBottom: 0 }}><Input placeholder={clear?.idNumber ?? hint(masked?.idNumber) ?? t('households.drawer.idNumber')} /></Form.Item></Col>
                      <Col span={5}><Form.Item name={[field.name, 'relation']} style={{ marginBottom: 0 }}><Select options={relationOptions} /></Form.Item></Col>
                      <Col span={4}><Form.Item name={[field.name, 'tags']} style={{ marginBottom: 0 }}><Select mode="multiple" maxTagCount={1} options={tagOptions} placeholder={t('households.drawer.memberTags')} /></Form.Item></Col>
                      <Col span={2}>
                        <Space size={0}>
                          {masked?.erased ? <Tag>{t('households.drawer.erased')}</Tag> : null}
                          {canReveal && member?.id && !masked?.erased && !clear ? <Button type="text" size="small" icon={<EyeOutlined />} title={t('households.drawer.reveal')} disabled={false} onClick={() => setRevealFor(member.id!)} /> : null}
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} title={t('households.drawer.remove')} onClick={() => remove(field.name)} />
                        </Space>
                      </Col>
                    </Row>
                  );
                })}
                <Button icon={<PlusOutlined />} onClick={() => add({ relation: fields.length === 0 ? 'head' : 'other', tags: [] })} style={{ alignSelf: 'start' }}>
                  {t('households.drawer.addMember')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form>
      )}
      {household ? (
        <div style={{ marginTop: 24 }}>
          <Typography.Title level={5}>{t('households.drawer.location')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('households.drawer.locationHint')}</Typography.Paragraph>
          <GridMap grids={gridFeature} height={280} picked={household.lat !== null && household.lng !== null ? { lat: household.lat, lng: household.lng } : null} onPick={canEdit ? (p) => void place(p.lat, p.lng) : undefined} />
        </div>
      ) : null}
      <Modal open={revealFor !== null} title={t('households.drawer.reveal')} onCancel={() => setRevealFor(null)} onOk={() => void reveal()} okButtonProps={{ disabled: [...reason.trim()].length < 4 }}>
        <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('households.drawer.revealReason')} />
      </Modal>
    </Drawer>
  );
}

const tagColoursFor = (tag: string) => tagColours[tag];
