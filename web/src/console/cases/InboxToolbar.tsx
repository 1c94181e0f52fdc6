import { DeleteOutlined, DownloadOutlined, PlusOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { canOpen, useSession } from '../../auth/session';
import { useCaseStatuses } from '../../shared/cases/useCaseStatuses';
import { errorMessage } from '../../shared/errors';
import type { CaseFilters } from './caseApi';
import { formatClock } from './format';
import { exportCases } from './inboxExport';
import type { InboxList } from './InboxTable';
import { useSavedViews } from './savedViews';

/** The inbox's tools: when it was refreshed, saved views (apply, save, delete), the export and a new case. */
export function InboxToolbar({ list, filters, onApplyView }: { list: InboxList; filters: CaseFilters; onApplyView: (filters: CaseFilters) => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const statuses = useCaseStatuses();
  const { views, save, remove } = useSavedViews();
  const [exporting, setExporting] = useState<number | null>(null);
  const [saveOpen, setSaveOpen] = useState(false);
  const [saveForm] = Form.useForm<{ name: string }>();

  return (
    <>
      <Space wrap>
        <Typography.Text type="secondary" data-testid="inbox-updated">
          {list.isFetching ? t('console.inbox.refreshing') : list.dataUpdatedAt ? t('console.inbox.updatedAt', { time: formatClock(list.dataUpdatedAt) }) : null}
        </Typography.Text>
        <Button icon={<ReloadOutlined spin={list.isFetching} />} onClick={() => void list.refetch()}>
          {t('console.inbox.refresh')}
        </Button>
        <Dropdown
          menu={{
            items: views.length
              ? views.map((v) => ({
                  key: v.name,
                  label: (
                    <span style={{ display: 'flex', justifyContent: 'space-between', gap: 16 }}>
                      {v.name}
                      <DeleteOutlined
                        aria-label={t('console.inbox.deleteView')}
                        onClick={(e) => {
                          e.stopPropagation();
                          remove(v.name);
                        }}
                      />
                    </span>
                  ),
                }))
              : [{ key: '', label: t('console.inbox.noViews'), disabled: true }],
            onClick: ({ key }) => {
              const view = views.find((v) => v.name === key);
              if (view) onApplyView(view.filters);
            },
          }}
        >
          <Button>{t('console.inbox.savedViews')}</Button>
        </Dropdown>
        <Button icon={<SaveOutlined />} onClick={() => setSaveOpen(true)}>
          {t('console.inbox.saveView')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting !== null}
          onClick={async () => {
            setExporting(0);
            try {
              const n = await exportCases(filters, statuses.label, setExporting);
              message.success(t('console.inbox.exportDone', { count: n }));
            } catch (e) {
              message.error(t('console.inbox.exportFailed', { message: errorMessage(e, t) }));
            } finally {
              setExporting(null);
            }
          }}
        >
          {exporting !== null ? t('console.inbox.exporting', { count: exporting }) : t('console.inbox.export')}
        </Button>
        {canOpen(user, 'cases/new') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/console/cases/new')}>
            {t('console.layout.newCase')}
          </Button>
        )}
      </Space>
      <Modal
        open={saveOpen}
        title={t('console.inbox.saveView')}
        onCancel={() => setSaveOpen(false)}
        onOk={() => saveForm.submit()}
        destroyOnHidden
      >
        <Form
          form={saveForm}
          layout="vertical"
          onFinish={({ name }) => {
            save(name.trim(), filters);
            setSaveOpen(false);
            message.success(t('console.inbox.viewSaved', { name: name.trim() }));
          }}
        >
          <Form.Item name="name" label={t('console.inbox.viewName')} rules={[{ required: true, whitespace: true, message: t('console.inbox.viewNameRequired') }]}>
            <Input maxLength={30} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
