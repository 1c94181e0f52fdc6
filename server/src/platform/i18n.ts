export type Lang = 'zh' | 'en';

/** A message a person can act on, in both languages the product speaks. */
export interface Bilingual {
  zh: string;
  en: string;
}

export function bilingual(zh: string, en: string): Bilingual {
  return { zh, en };
}

/** Chinese first: English only when the caller asks for it. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
