import { Alert, App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { typeLabelKey } from '../../notifications/useNotifications';
import { useFormSave } from '../../shared/forms/useFormSave';

type CreateBody = Schemas['CreateWebhook'];

/** Event types a subscription may ask for (the server's list; the form shows their labels). */
const eventTypes: CreateBody['eventTypes'] = [
  'case.reported',
  'case.red',
  'case.dispatched',
  'case.returned',
  'case.handled',
  'case.closed',
  'case.rejected',
  'case.rework',
  'case.reopened',
  'case.escalated',
  'case.urged',
  'case.whistle',
  'case.whistle-emergency',
  'case.deadline-warning',
  'case.overdue',
  'case.supervision',
];

export function CreateWebhookModal({ onClose, onCreated }: { onClose: () => void; onCreated: (created: Schemas['CreatedWebhook']) => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [form] = Form.useForm<CreateBody>();
  const { run, saving: isSaving, problem: error } = useFormSave(form, {
    save: (values: CreateBody) => call(api.POST('/api/v1/webhooks', { body: { ...values, name: values.name.trim(), url: values.url.trim(), isActive: true } })),
    onSaved: onCreated,
    failure: (reason) => t('notifications.webhooks.form.failed', { message: reason }),
  });
  const required = (field: string) => [{ required: true, message: t('notifications.webhooks.form.required', { field }) }];
  return (
    <Modal open title={t('notifications.webhooks.form.title')} okText={t('notifications.webhooks.form.submit')} confirmLoading={isSaving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={600}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<CreateBody> form={form} layout="vertical" onFinish={run} initialValues={{ eventTypes: ['case.dispatched', 'case.closed'], nodeCodes: user?.nodes.slice(0, 1).map((n) => n.code) ?? [] }}>
        <Form.Item name="name" label={t('notifications.webhooks.form.name')} rules={required(t('notifications.webhooks.form.name'))}>
          <Input placeholder={t('notifications.webhooks.form.namePlaceholder')} maxLength={80} data-testid="webhook-name" />
        </Form.Item>
        <Form.Item name="url" label={t('notifications.webhooks.form.url')} rules={required(t('notifications.webhooks.form.url'))}>
          <Input placeholder={t('notifications.webhooks.form.urlPlaceholder')} maxLength={500} data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="eventTypes" label={t('notifications.webhooks.form.events')} rules={required(t('notifications.webhooks.form.events'))}>
          <Select mode="multiple" options={eventTypes.map((type) => ({ value: type, label: t(typeLabelKey(type)) }))} />
        </Form.Item>
        <Form.Item name="nodeCodes" label={t('notifications.webhooks.form.nodes')} rules={required(t('notifications.webhooks.form.nodes'))}>
          <Select mode="tags" placeholder={t('notifications.webhooks.form.nodesPlaceholder')} options={(user?.nodes ?? []).map((n) => ({ value: n.code, label: `${n.name} (${n.code})` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The signing secret, shown once right after creation. */
export function SecretModal({ secret, onClose }: { secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      title={t('notifications.webhooks.secretTitle')}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('notifications.webhooks.done')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('notifications.webhooks.secretHint')}</Typography.Paragraph>
      <Typography.Paragraph code copyable={{ text: secret, onCopy: () => message.success(t('notifications.webhooks.copied')) }} data-testid="webhook-secret">
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
