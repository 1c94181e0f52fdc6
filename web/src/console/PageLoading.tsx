import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A page (or a lazily loaded chunk) on its way. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: 320, display: 'grid', placeItems: 'center' }}>
      <Spin size="large" tip={t('common.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}
