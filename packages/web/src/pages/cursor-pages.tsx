/**
 * Paging through a server-side list by its cursors (the API's `nextCursor`): the cursors of the
 * pages before are kept, so "previous" works, and a new filter (another `listKey`) starts again on
 * the first page.
 */
import { Button, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { decimal } from "../format/format.ts";

export interface CursorPages {
  /** The cursor of the page shown; undefined on the first page. */
  readonly cursor: string | undefined;
  readonly isFirst: boolean;
  first(): void;
  previous(): void;
  next(nextCursor: string): void;
}

export function useCursorPages(listKey: string): CursorPages {
  const [state, setState] = useState<{ key: string; trail: readonly (string | undefined)[] }>({
    key: listKey,
    trail: [undefined],
  });
  // Another list: back to its first page (set during render, as React allows for derived state).
  if (state.key !== listKey) setState({ key: listKey, trail: [undefined] });
  const trail = state.key === listKey ? state.trail : [undefined];
  const cursor = trail[trail.length - 1];
  return {
    cursor,
    isFirst: trail.length === 1,
    first: () => setState({ key: listKey, trail: [undefined] }),
    previous: () => setState({ key: listKey, trail: trail.length > 1 ? trail.slice(0, -1) : trail }),
    next: (nextCursor) => setState({ key: listKey, trail: [...trail, nextCursor] }),
  };
}

/** The total and first / previous / next under a list. */
export function CursorPager({
  pages,
  total,
  nextCursor,
  testId,
}: {
  pages: CursorPages;
  total: number | undefined;
  nextCursor: string | null | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Space style={{ justifyContent: "space-between", width: "100%", marginTop: 12 }} wrap>
      <Typography.Text type="secondary" data-testid={`${testId}-total`}>
        {total === undefined ? "" : t("common.total", { total: decimal(total, 0) })}
      </Typography.Text>
      <Space>
        <Button size="small" disabled={pages.isFirst} onClick={pages.first}>
          {t("common.firstPage")}
        </Button>
        <Button
          size="small"
          disabled={pages.isFirst}
          onClick={pages.previous}
          data-testid={`${testId}-previous`}
        >
          {t("common.previous")}
        </Button>
        <Button
          size="small"
          disabled={!nextCursor}
          onClick={() => nextCursor && pages.next(nextCursor)}
          data-testid={`${testId}-next`}
        >
          {t("common.next")}
        </Button>
      </Space>
    </Space>
  );
}
