let made = 0;

/**
 * A staging table name no other staging table of any process has at the same time: the process,
 * the time and a counter of this process. Time and process alone were not enough once a server
 * ran requests side by side: two 360 views in one millisecond both created "__custra_focus_…".
 */
export function stagingTableName(prefix: string): string {
  made = (made + 1) % 1_000_000;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${made.toString(36)}`;
}
