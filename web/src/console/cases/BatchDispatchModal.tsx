import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, List, Modal, Progress, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/errors';
import { postCaseAction } from '../../shared/cases/case-actions';
import { fetchCase } from './caseApi';
import type { CaseSummary } from './format';
import { parseTarget, TargetSelect } from './TargetSelect';

interface Outcome {
  id: string;
  number: string;
  ok: boolean;
  message?: string;
}

/**
 * Dispatches (or re-dispatches: reassignment is dispatching again) every selected case to one target.
 * Targets come from the first case's allowed dispatch action; each case is read afresh and sent with its
 * own version, and the outcome is reported case by case.
 */
export function BatchDispatchModal({ cases, open, onClose }: { cases: CaseSummary[]; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ target: string; note?: string }>();
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const first = cases[0];
  const firstDetail = useQuery({
    queryKey: ['case', first?.id, i18n.language],
    queryFn: () => fetchCase(first!.id),
    enabled: open && !!first,
  });
  const dispatch = firstDetail.data?.allowedActions.find((a) => a.action === 'dispatch');
  const done = outcomes.length;

  async function run(values: { target: string; note?: string }) {
    setRunning(true);
    setOutcomes([]);
    const target = parseTarget(values.target);
    for (const c of cases) {
      try {
        const detail = await fetchCase(c.id);
        if (!detail.allowedActions.some((a) => a.action === 'dispatch')) throw new Error(t('console.inbox.batch.notAllowed'));
        await postCaseAction(c.id, 'dispatch', { version: detail.version, target, ...(values.note?.trim() ? { note: values.note.trim() } : {}) });
        setOutcomes((o) => [...o, { id: c.id, number: c.number, ok: true }]);
      } catch (e) {
        setOutcomes((o) => [...o, { id: c.id, number: c.number, ok: false, message: e instanceof Error && !('status' in e) ? e.message : errorMessage(e, t) }]);
      }
    }
    setRunning(false);
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
    void queryClient.invalidateQueries({ queryKey: ['case'] });
  }

  const finished = !running && done > 0;
  const okCount = outcomes.filter((o) => o.ok).length;
  return (
    <Modal
      open={open}
      title={t('console.inbox.batch.title', { count: cases.length })}
      onCancel={() => {
        if (running) return;
        setOutcomes([]);
        form.resetFields();
        onClose();
      }}
      okText={finished ? t('common.confirm') : t('console.inbox.batch.run')}
      onOk={() => {
        if (finished) {
          setOutcomes([]);
          form.resetFields();
          onClose();
        } else form.submit();
      }}
      okButtonProps={{ loading: running, disabled: !finished && !dispatch }}
      cancelButtonProps={{ disabled: running }}
      destroyOnHidden
      width={620}
    >
      {firstDetail.isLoading ? (
        <Skeleton active />
      ) : firstDetail.error ? (
        <Alert type="error" showIcon message={errorMessage(firstDetail.error, t)} />
      ) : !dispatch ? (
        <Alert type="warning" showIcon message={t('console.inbox.batch.noTargets')} />
      ) : (
        <Form form={form} layout="vertical" onFinish={run} disabled={running || finished}>
          <Typography.Paragraph type="secondary">{t('console.inbox.batch.targetHint')}</Typography.Paragraph>
          <Form.Item name="target" label={t('console.inbox.batch.target')} rules={[{ required: true, message: t('console.actions.required', { field: t('console.inbox.batch.target') }) }]}>
            <TargetSelect targets={dispatch.targets} />
          </Form.Item>
          <Form.Item name="note" label={t('console.inbox.batch.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      )}
      {(running || done > 0) && (
        <>
          <Progress percent={Math.round((done / cases.length) * 100)} status={running ? 'active' : okCount === done ? 'success' : 'exception'} />
          <Typography.Text>{running ? t('console.inbox.batch.progress', { done, total: cases.length }) : t('console.inbox.batch.summary', { ok: okCount, failed: done - okCount })}</Typography.Text>
          <List
            size="small"
            style={{ maxHeight: 240, overflow: 'auto', marginTop: 8 }}
            dataSource={outcomes}
            rowKey="id"
            renderItem={(o) => (
              <List.Item>
                <span>
                  {o.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />} {o.number} — {o.ok ? t('console.inbox.batch.ok') : `${t('console.inbox.batch.failed')}${t('common.colon')}${o.message}`}
                </span>
              </List.Item>
            )}
          />
        </>
      )}
    </Modal>
  );
}
