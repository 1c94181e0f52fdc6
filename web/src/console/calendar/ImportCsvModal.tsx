import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, List, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import type { ImportSummary } from './calendarApi';

type BadLine = { line: number; message: { zh: string; en: string } };

/** Pick a CSV, see what it would change (a dry run), then import it; a bad file lists every bad line. */
export function ImportCsvModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string>('');
  const [preview, setPreview] = useState<ImportSummary | null>(null);
  const [bad, setBad] = useState<BadLine[] | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setCsv(null);
    setPreview(null);
    setBad(null);
    setFileName('');
  };
  const close = () => {
    reset();
    onClose();
  };

  const send = async (text: string, dryRun: boolean) => {
    setBusy(true);
    try {
      const summary = await call(api.POST('/api/v1/calendar/import', { body: { csv: text, dryRun } }));
      setBad(null);
      if (dryRun) return setPreview(summary);
      message.success(t('calendar.calendar.imported', { years: summary.years.join('、') }));
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
      close();
    } catch (e) {
      const lines = e instanceof ApiError ? (e.problem?.['lines'] as BadLine[] | undefined) : undefined;
      if (lines) {
        setPreview(null);
        setBad(lines);
      } else message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('calendar.calendar.import')}
      onCancel={close}
      width={640}
      footer={[
        <Button key="cancel" onClick={close}>
          {t('calendar.calendar.edit.cancel')}
        </Button>,
        <Button key="ok" type="primary" disabled={!preview || !csv} loading={busy} onClick={() => csv && send(csv, false)} data-testid="calendar-import-confirm">
          {t('calendar.calendar.importConfirm')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('calendar.calendar.importHint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,text/csv"
        maxCount={1}
        showUploadList={false}
        beforeUpload={async (file) => {
          // TextDecoder drops a UTF-8 BOM; the server tolerates one anyway.
          const text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
          setCsv(text);
          setFileName(file.name);
          await send(text, true);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{fileName || t('calendar.calendar.import')}</p>
      </Upload.Dragger>
      {preview ? (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          data-testid="calendar-import-preview"
          message={t('calendar.calendar.importPreview', { years: preview.years.join('、'), holidays: preview.holidays, workdays: preview.workdays, removed: preview.removed })}
        />
      ) : null}
      {bad ? (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          data-testid="calendar-import-errors"
          message={t('calendar.calendar.importRejected')}
          description={
            <List
              size="small"
              dataSource={bad}
              renderItem={(b) => (
                <List.Item>
                  <Typography.Text strong>{t('calendar.calendar.line', { line: b.line })}</Typography.Text>
                  ：{i18n.language === 'en' ? b.message.en : b.message.zh}
                </List.Item>
              )}
            />
          }
        />
      ) : null}
    </Modal>
  );
}
