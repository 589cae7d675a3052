/**
 * The live preview of the scheme being edited: POST /schemes/preview once the edits have rested
 * for PREVIEW_DELAY_MS (typing a weight digit by digit asks once), the last answer kept on screen
 * while the next one comes. An invalid scheme answers 400 with its problems, each with its path,
 * for the editor to show beside the fields.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ApiError, api } from "../../api/client.ts";
import { useLanguageKey } from "../../api/queries.ts";
import type { GradingScheme, SchemeIssue, SchemePreview } from "./grading.types.ts";

export const PREVIEW_DELAY_MS = 400;
/** How many of the customers whose grade changes the preview names. */
const CHANGE_LIMIT = 200;

export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

export function useSchemePreview(draft: GradingScheme, enabled: boolean) {
  const language = useLanguageKey();
  const settled = useDebounced(draft, PREVIEW_DELAY_MS);
  const query = useQuery({
    queryKey: ["scheme-preview", language, JSON.stringify(settled)],
    queryFn: ({ signal }) =>
      api<SchemePreview>("/schemes/preview", {
        method: "POST",
        body: { document: settled, changeLimit: CHANGE_LIMIT },
        signal,
      }),
    enabled,
    placeholderData: keepPreviousData,
    // The same draft grades the same until the data changes; a refusal will not change on a retry.
    staleTime: 60_000,
    retry: false,
  });
  const issues: readonly SchemeIssue[] =
    query.error instanceof ApiError ? (query.error.problem?.issues ?? []) : [];
  return {
    query,
    issues,
    /** The preview on screen is not yet the draft's: edits are settling or the answer is on its way. */
    pending: enabled && (settled !== draft || query.isFetching),
  };
}
