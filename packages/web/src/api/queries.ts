/** Queries that several pages share; their keys carry the language, as the server renders texts in it. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "./client.ts";
import type { CompanySettings, GradingSchemeDocument, SchemeSummary } from "./types.ts";

export function useLanguageKey(): string {
  return useTranslation().i18n.language;
}

/** The company settings' query key: the settings page puts what it saved there. */
export const COMPANY_SETTINGS_KEY = ["settings"] as const;

export function useCompanySettings() {
  return useQuery({
    queryKey: COMPANY_SETTINGS_KEY,
    queryFn: () => api<CompanySettings>("/settings"),
    staleTime: 5 * 60_000,
  });
}

/** The company currency for money columns; CNY until the settings are read. */
export function useCurrency(): string {
  return useCompanySettings().data?.settings.currency ?? "CNY";
}

/** The grades of a scheme (default: value), with their labels, for the grade filter. */
export function useSchemeGrades(scheme = "value") {
  return useQuery({
    queryKey: ["scheme", scheme],
    queryFn: () => api<GradingSchemeDocument>(`/schemes/${encodeURIComponent(scheme)}`),
    staleTime: 5 * 60_000,
    select: (document) => document.definition.grades ?? [],
  });
}

/** Each scheme's title in the reader's language (its name where it has none), for pickers. */
export function useSchemeTitles(): ReadonlyMap<string, string> {
  const language = useLanguageKey();
  const schemes = useQuery({
    queryKey: ["schemes"],
    queryFn: () => api<readonly SchemeSummary[]>("/schemes"),
    staleTime: 5 * 60_000,
  });
  return new Map(
    (schemes.data ?? []).map(({ name, definition }) => [
      name,
      definition.title?.[language] ?? definition.title?.["zh-CN"] ?? name,
    ]),
  );
}
