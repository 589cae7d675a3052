/**
 * The workbench's language: zh-CN by default, English one click away. The choice is kept in
 * localStorage and follows everything that speaks: i18next's texts, antd's locale, dayjs's and
 * the Accept-Language sent to the API (so problem documents and server-rendered labels match).
 */
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";
import { zhCN } from "./zh-CN.ts";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "custra.language";

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === "en" ? "en" : "zh-CN";
  } catch {
    // Storage can be switched off (private modes, policies): the default language then.
    return "zh-CN";
  }
}

const dayjsLocale = (language: Language) => (language === "en" ? "en" : "zh-cn");

export const i18n = i18next.createInstance();

export async function initI18n(): Promise<void> {
  const language = storedLanguage();
  await i18n.use(initReactI18next).init({
    resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: false,
    // React escapes what it renders; i18next escaping on top would show &amp; in names.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  dayjs.locale(dayjsLocale(language));
  document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return i18n.language === "en" ? "en" : "zh-CN";
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered then, but still switched for this visit.
  }
  dayjs.locale(dayjsLocale(language));
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}
