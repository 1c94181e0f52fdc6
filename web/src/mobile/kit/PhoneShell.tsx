import '../../shared/mobile-render';
import { ConfigProvider, NavBar } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import './phone.css';

/** The phone frame: antd-mobile in the reader's language, large text, a title bar with the language switch. */
export function PhoneShell({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <div className="wg-phone">{children}</div>
    </ConfigProvider>
  );
}

/** A page title bar; `onBack` shows the back arrow. */
export function PhoneTitle({ title, onBack, right }: { title: ReactNode; onBack?: () => void; right?: ReactNode }) {
  return (
    <NavBar className="wg-phone-nav" back={onBack ? '' : null} onBack={onBack} right={right ?? <LanguageSwitch className="wg-phone-lang" />}>
      {title}
    </NavBar>
  );
}
