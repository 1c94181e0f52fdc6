import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A page (or a lazily loaded chunk) on its way. The label sits on one line below the spinner. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div
      data-testid="page-loading"
      style={{ minHeight: 320, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 12 }}
    >
      <Spin size="large" />
      <span style={{ whiteSpace: 'nowrap', color: 'rgba(0, 0, 0, 0.45)' }}>{t('common.loading')}</span>
    </div>
  );
}
