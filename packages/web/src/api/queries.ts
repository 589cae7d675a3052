/** Queries that several pages share; their keys carry the language, as the server renders texts in it. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "./client.ts";
import type { CompanySettings, GradingSchemeDocument } from "./types.ts";

export function useLanguageKey(): string {
  return useTranslation().i18n.language;
}

export function useCompanySettings() {
  return useQuery({
    queryKey: ["settings"],
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
