import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call } from '../../api/client';
import { errorMessage } from '../../shared/errors';

interface BadLine {
  line: number;
  field: string | null;
  message: string;
}

const sample = 'username,node_code,tier,starts_on,ends_on,note\ncadre,320305107201,town_cadre,2026-12-01,,';

/** 批量导入: a CSV checked whole (dry run) or imported whole; bad lines listed with their numbers. */
export function AssignmentImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string; lines?: BadLine[] } | null>(null);
  const k = 'assignments.import';

  const send = async (dryRun: boolean) => {
    setBusy(true);
    setResult(null);
    try {
      const report = await call(api.POST('/api/v1/assignments/import', { body: { csv, dryRun } }));
      setResult({ kind: 'ok', text: dryRun ? t(`${k}.checked`, { rows: report.rows }) : t(`${k}.done`, { created: report.created }) });
      if (!dryRun) {
        message.success(t(`${k}.done`, { created: report.created }));
        await queryClient.invalidateQueries({ queryKey: ['assignments'] });
      }
    } catch (error) {
      const lines = error instanceof ApiError ? (error.problem?.lines as BadLine[] | undefined) : undefined;
      setResult({ kind: 'error', text: lines ? t(`${k}.rejected`) : errorMessage(error, t), lines });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t(`${k}.title`)} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t(`${k}.intro`)}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".csv,text/csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then(setCsv);
            return false;
          }}
        >
          <Button>{t(`${k}.file`)}</Button>
        </Upload>
        <Input.TextArea value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={`${t(`${k}.paste`)}\n${sample}`} autoSize={{ minRows: 5, maxRows: 12 }} data-testid="assignment-import-text" style={{ fontFamily: 'monospace' }} />
        <Space>
          <Button disabled={!csv.trim()} loading={busy} onClick={() => void send(true)}>
            {t(`${k}.check`)}
          </Button>
          <Button type="primary" disabled={!csv.trim()} loading={busy} onClick={() => void send(false)} data-testid="assignment-import-run">
            {t(`${k}.run`)}
          </Button>
        </Space>
        {result ? <Alert type={result.kind === 'ok' ? 'success' : 'error'} showIcon message={result.text} /> : null}
        {result?.lines ? (
          <Table<BadLine>
            size="small"
            rowKey={(r) => `${r.line}-${r.field}-${r.message}`}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={result.lines}
            columns={[
              { title: t(`${k}.line`), dataIndex: 'line', width: 70 },
              { title: t(`${k}.field`), dataIndex: 'field', width: 110 },
              { title: t(`${k}.problem`), dataIndex: 'message' },
            ]}
          />
        ) : null}
      </Space>
    </Modal>
  );
}
