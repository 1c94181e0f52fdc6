import { AlertOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { formatTime } from '../cases/format';
import { AcknowledgeModal, k, NoticeKindTag, OverdueTag, PrintButton, type Notice } from './noticeParts';

function IssueModal({ caseId, caseNumber, open, onClose }: { caseId: string; caseNumber: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const issue = useMutation({
    mutationFn: (note: string) => call(api.POST('/api/v1/supervision-notices', { body: { caseId, note } })),
    onSuccess: async (notice) => {
      void message.success(t(`${k}.issuedOk`, { number: notice.number }));
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['supervision'] });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });
  return (
    <Modal open={open} title={t(`${k}.issueTitle`, { number: caseNumber })} okText={t(`${k}.issue`)} confirmLoading={issue.isPending} onCancel={onClose} onOk={async () => issue.mutate((await form.validateFields()).note)} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t(`${k}.note`)} rules={[{ required: true, whitespace: true, message: t(`${k}.noteRequired`) }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The case detail's 督办单 card: its notices (print, acknowledge) and, for leaders and centers, issuing one by hand. */
export function CaseNoticesPanel({ caseId, caseNumber, isOpen }: { caseId: string; caseNumber: string; isOpen: boolean }) {
  const { t } = useTranslation();
  const [acknowledging, setAcknowledging] = useState<Notice | null>(null);
  const [issuing, setIssuing] = useState(false);
  const notices = useQuery({
    queryKey: ['supervision', 'case', caseId],
    queryFn: () => call(api.GET('/api/v1/cases/{id}/supervision-notices', { params: { path: { id: caseId } } })),
  });
  const items = notices.data?.items ?? [];
  // The server says whether this person's role issues notices by hand; the case must still be open.
  const canIssue = isOpen && !!notices.data?.canIssue;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="case-notices"
      title={
        <Space>
          <AlertOutlined style={{ color: items.some((n) => !n.acknowledgedAt) ? '#cf1322' : undefined }} />
          {t(`${k}.panelTitle`)}
          {items.length ? <Tag>{items.length}</Tag> : null}
        </Space>
      }
      extra={canIssue ? <Button size="small" onClick={() => setIssuing(true)}>{t(`${k}.issue`)}</Button> : null}
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${k}.panelEmpty`)} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              actions={[
                ...(n.canAcknowledge ? [<Button key="ack" size="small" type="primary" onClick={() => setAcknowledging(n)}>{t(`${k}.acknowledge`)}</Button>] : []),
                <PrintButton key="print" notice={n} />,
              ]}
            >
              <Space direction="vertical" size={2}>
                <Space size={4} wrap>
                  <Typography.Text strong style={{ fontFamily: 'monospace' }}>{n.number}</Typography.Text>
                  <NoticeKindTag kind={n.kind} />
                  <OverdueTag notice={n} />
                  {n.acknowledgedAt ? <Tag color="success">{t(`${k}.acknowledged`)}</Tag> : <Tag color="warning">{t(`${k}.unacknowledged`)}</Tag>}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(n.issuedAt)} · {n.issuedBy?.name ?? t(`${k}.system`)} → {n.addressees.map((a) => a.name).join('、') || '—'}
                </Typography.Text>
                {n.autoEscalation ? <Typography.Text style={{ fontSize: 12 }}>{t(`${k}.escalation.${n.autoEscalation}`, { level: t(`${k}.levels.${n.escalatedToLevel ?? 'town'}`) })}</Typography.Text> : null}
                {n.note ? <Typography.Text style={{ fontSize: 12 }}>{n.note}</Typography.Text> : null}
                {n.reply ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`${k}.replyLabel`)}{t('common.colon')}{n.reply}</Typography.Text> : null}
              </Space>
            </List.Item>
          )}
        />
      )}
      <AcknowledgeModal notice={acknowledging} onClose={() => setAcknowledging(null)} />
      <IssueModal caseId={caseId} caseNumber={caseNumber} open={issuing} onClose={() => setIssuing(false)} />
    </Card>
  );
}
