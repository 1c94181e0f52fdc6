import { EyeInvisibleOutlined, EyeOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import { formatTime } from '../cases/format';

type Reporter = { name: string | null; phone: string | null; masked: boolean; erased: boolean };
type Revealed = Schemas['RevealedReporter'];
type Field = 'name' | 'phone';

const k = 'privacy';

/**
 * The reporter as case detail shows it: masked, or "erased"; for staff with `pii:read` a Reveal
 * button that asks for a reason, records the reveal on the server and shows the clear values in
 * this component's state only — never in the query cache, gone when the page is left.
 */
export function ReporterField({ caseId, reporter, isAnonymous, anonymousLabel }: { caseId: string; reporter: Reporter | null; isAnonymous: boolean; anonymousLabel: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const canReveal = user?.permissions.includes('pii:read') ?? false;
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);

  // Another case (same component instance, new route param): forget what was revealed.
  useEffect(() => setRevealed(null), [caseId]);

  if (isAnonymous || !reporter) return <Tag>{anonymousLabel}</Tag>;
  if (reporter.erased) {
    return (
      <Tooltip title={t(`${k}.reporter.erasedHint`)}>
        <Tag color="default" data-testid="reporter-erased">
          {t(`${k}.reporter.erased`)}
        </Tag>
      </Tooltip>
    );
  }

  const shown = (field: Field) => (revealed?.fields.includes(field) ? revealed[field] : reporter[field]);
  const text = [shown('name'), shown('phone')].filter(Boolean).join(' · ') || '—';
  return (
    <div>
      <Space size={6} wrap>
        <span data-testid="reporter-value" style={revealed ? { fontWeight: 500 } : undefined}>
          {text}
        </span>
        {!revealed && (
          <Tag icon={<LockOutlined />} bordered={false}>
            {t(`${k}.reporter.masked`)}
          </Tag>
        )}
        {canReveal && !revealed && (
          <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-reporter">
            {t(`${k}.reporter.reveal`)}
          </Button>
        )}
        {revealed && (
          <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)}>
            {t(`${k}.reporter.hide`)}
          </Button>
        )}
      </Space>
      {revealed && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`${k}.reporter.revealedNote`, { time: formatTime(revealed.revealedAt) })}
          </Typography.Text>
        </div>
      )}
      <RevealDialog
        caseId={caseId}
        open={open}
        available={{ name: reporter.name !== null, phone: reporter.phone !== null }}
        onClose={() => setOpen(false)}
        onRevealed={(r) => {
          setOpen(false);
          setRevealed(r);
        }}
      />
    </div>
  );
}

function RevealDialog({
  caseId,
  open,
  available,
  onClose,
  onRevealed,
}: {
  caseId: string;
  open: boolean;
  available: Record<Field, boolean>;
  onClose: () => void;
  onRevealed: (revealed: Revealed) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; fields: Field[] }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = (['name', 'phone'] as const).filter((f) => available[f]).map((f) => ({ value: f, label: t(`${k}.revealDialog.${f}`) }));

  const submit = async () => {
    const values = await form.validateFields();
    setSubmitting(true);
    setError(null);
    try {
      // A plain call, not a query: the clear values must not land in any cache.
      const revealed = await call(api.POST('/api/v1/cases/{id}/reporter/reveal', { params: { path: { id: caseId } }, body: { reason: values.reason.trim(), fields: values.fields } }));
      form.resetFields();
      onRevealed(revealed);
    } catch (e) {
      setError(t(`${k}.revealDialog.failed`, { message: errorMessage(e, t) }));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      title={t(`${k}.revealDialog.title`)}
      open={open}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => void submit()}
      okText={t(`${k}.revealDialog.submit`)}
      confirmLoading={submitting}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'reveal-submit' } as Record<`data-${string}`, string>}
    >
      <Alert type="info" showIcon message={t(`${k}.revealDialog.intro`)} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" initialValues={{ fields: options.map((o) => o.value), reason: '' }} preserve={false}>
        <Form.Item name="fields" label={t(`${k}.revealDialog.fields`)} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={options} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t(`${k}.revealDialog.reason`)}
          rules={[{ validator: (_, v: string) => ([...(v ?? '').trim()].length >= 4 ? Promise.resolve() : Promise.reject(new Error(t(`${k}.revealDialog.reasonRequired`)))) }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t(`${k}.revealDialog.reasonPlaceholder`)} data-testid="reveal-reason" autoFocus />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
