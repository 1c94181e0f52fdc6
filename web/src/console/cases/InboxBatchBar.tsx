import { SendOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BatchDispatchModal } from './BatchDispatchModal';
import type { CaseSummary } from './format';

/** For those who dispatch: how many cases are selected, and dispatching them all to one target. */
export function InboxBatchBar({ selected }: { selected: CaseSummary[] }) {
  const { t } = useTranslation();
  const [batchOpen, setBatchOpen] = useState(false);
  return (
    <>
      {selected.length > 0 && (
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text>{t('console.inbox.selected', { count: selected.length })}</Typography.Text>
          <Button type="primary" icon={<SendOutlined />} onClick={() => setBatchOpen(true)}>
            {t('console.inbox.batchDispatch')}
          </Button>
        </Space>
      )}
      <BatchDispatchModal cases={selected} open={batchOpen} onClose={() => setBatchOpen(false)} />
    </>
  );
}
