import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { formatMinutes } from '../../shared/format/duration';

export type Notice = Schemas['SupervisionNotice'];
export const noticeKinds = ['respond_overdue', 'resolve_overdue', 'checkin_overdue', 'manual'] as const;
export const k = 'supervision';

const kindColour: Record<Notice['kind'], string> = { respond_overdue: 'orange', resolve_overdue: 'red', checkin_overdue: 'volcano', manual: 'purple' };

export function NoticeKindTag({ kind }: { kind: Notice['kind'] }) {
  const { t } = useTranslation();
  return <Tag color={kindColour[kind]}>{t(`${k}.kinds.${kind}`)}</Tag>;
}

/** How long past the deadline, by the app's one duration formatter. */
export function formatDuration(t: TFunction, minutes: number): string {
  return formatMinutes(t, minutes);
}

export function OverdueTag({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  if (notice.kind === 'manual' || notice.overdueMinutes <= 0) return null;
  return <Tag color="error">{t(`${k}.overdueBy`, { duration: formatDuration(t, notice.overdueMinutes) })}</Tag>;
}

/** Opens the A4 print view (the server renders it; the session cookie goes along). */
export function PrintButton({ notice, size = 'small' }: { notice: Notice; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  return (
    <Button size={size} icon={<PrinterOutlined />} href={`/api/v1/supervision-notices/${notice.id}/print`} target="_blank" rel="noopener" data-testid={`print-${notice.number}`}>
      {t(`${k}.print`)}
    </Button>
  );
}

/** Acknowledge (签收) with a reply; refreshes every notice list on success. */
export function AcknowledgeModal({ notice, onClose }: { notice: Notice | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reply: string }>();
  const acknowledge = useMutation({
    mutationFn: (reply: string) => call(api.POST('/api/v1/supervision-notices/{id}/acknowledge', { params: { path: { id: notice!.id } }, body: { reply } })),
    onSuccess: async () => {
      void message.success(t(`${k}.acknowledgedOk`));
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['supervision'] });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });
  return (
    <Modal
      open={notice !== null}
      title={notice ? t(`${k}.acknowledgeTitle`, { number: notice.number }) : ''}
      okText={t(`${k}.acknowledge`)}
      confirmLoading={acknowledge.isPending}
      onCancel={onClose}
      onOk={async () => acknowledge.mutate((await form.validateFields()).reply)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reply" label={t(`${k}.reply`)} rules={[{ required: true, whitespace: true, message: t(`${k}.replyRequired`) }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t(`${k}.replyPlaceholder`)} data-testid="notice-reply" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
