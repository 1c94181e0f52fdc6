import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

/**
 * 中文 / English toggle; the choice is remembered on this device. The server names things (categories,
 * statuses, notice kinds) in the request's language, so everything loaded is fetched again.
 */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const isZh = i18n.language !== 'en';
  return (
    <button
      type="button"
      className={className ?? 'wg-language-switch'}
      data-testid="language-switch"
      onClick={() => {
        void setLanguage(isZh ? 'en' : 'zh').then(() => queryClient.invalidateQueries());
      }}
      style={{ background: 'none', border: '1px solid currentColor', borderRadius: 4, padding: '2px 8px', cursor: 'pointer', color: 'inherit' }}
    >
      {isZh ? t('common.switchToEnglish') : t('common.switchToChinese')}
    </button>
  );
}
