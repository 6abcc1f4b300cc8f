// The console's own strings in Chinese (default) and English; antd's texts follow through its locale.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ANALYSIS_TEXT, CASES_TEXT, CORE_TEXT, FIELD_TEXT, MAP_TEXT, REGISTER_TEXT, SCREEN_TEXT, SETTINGS_TEXT, EVALUATION_TEXT, PORTAL_TEXT, MONITOR_TEXT, CITY_INDEX_TEXT } from './text/index.ts';

export type Lang = 'zh' | 'en';

const DICT = { ...CORE_TEXT, ...CASES_TEXT, ...REGISTER_TEXT, ...SETTINGS_TEXT, ...MAP_TEXT, ...SCREEN_TEXT, ...FIELD_TEXT, ...ANALYSIS_TEXT, ...EVALUATION_TEXT, ...PORTAL_TEXT, ...MONITOR_TEXT, ...CITY_INDEX_TEXT };

export type TKey = keyof typeof DICT;
export type T = (key: TKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: T;
}

const STORAGE_KEY = 'cityops.lang';
const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const t = useCallback<T>((key, vars) => {
    let s: string = DICT[key][lang === 'zh' ? 0 : 1];
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** Looks up a dynamic key (e.g. `level_${level}`), falling back to the raw value. */
export function tMaybe(t: T, key: string, fallback: string): string {
  return key in DICT ? t(key as TKey) : fallback;
}
