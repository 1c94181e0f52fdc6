import { useQuery } from '@tanstack/react-query';
import { Badge, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { k } from './noticeParts';

/** The menu entry 督办单 with the number of notices addressed to me and not yet acknowledged. */
export function SupervisionMenuLabel() {
  const { t } = useTranslation();
  const open = useQuery({
    queryKey: ['supervision', 'mine-open'],
    queryFn: () => call(api.GET('/api/v1/supervision-notices', { params: { query: { mine: 'true', unacknowledged: 'true', limit: 1 } } })),
    refetchInterval: 60_000,
  });
  return (
    <Space size={8}>
      {t(`${k}.menu`)}
      <Badge count={open.data?.total ?? 0} size="small" data-testid="supervision-badge" />
    </Space>
  );
}
