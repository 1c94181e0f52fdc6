import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

/** 中文 / English toggle; the choice is remembered on this device. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const isZh = i18n.language !== 'en';
  return (
    <button
      type="button"
      className={className ?? 'wg-language-switch'}
      data-testid="language-switch"
      onClick={() => setLanguage(isZh ? 'en' : 'zh')}
      style={{ background: 'none', border: '1px solid currentColor', borderRadius: 4, padding: '2px 8px', cursor: 'pointer', color: 'inherit' }}
    >
      {isZh ? t('common.switchToEnglish') : t('common.switchToChinese')}
    </button>
  );
}
