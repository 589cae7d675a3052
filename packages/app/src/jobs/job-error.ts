import { CustraError, type TextParams } from "@custra/core/errors";
import { type Catalog, hasMessage, registerCatalog } from "@custra/core/i18n";

const catalog = {
  "job.error.unknown_kind": { "zh-CN": "没有这种后台任务：{kind}", en: "There is no job kind {kind}" },
  "job.error.interrupted": {
    "zh-CN": "后台任务因服务重启或进程中断而未完成；它未写入任何结果，可以重新运行。",
    en: "The job did not finish: the server restarted or its process was stopped. It wrote nothing; run it again.",
  },
  "job.error.stopped": {
    "zh-CN": "服务关闭时后台任务被停止；它未写入任何结果，可以重新运行。",
    en: "The job was stopped when the server shut down. It wrote nothing; run it again.",
  },
  "job.error.failed": {
    "zh-CN": "后台任务出错（任务 {job}）。管理员可在日志中查找原因。",
    en: "The job failed (job {job}). An admin can find the cause in the log.",
  },
} satisfies Catalog;

if (!hasMessage("job.error.unknown_kind")) registerCatalog(catalog);

export type JobErrorCode = "JOB_UNKNOWN_KIND" | "JOB_INTERRUPTED" | "JOB_STOPPED" | "JOB_FAILED";

const MESSAGE_KEYS: Record<JobErrorCode, keyof typeof catalog> = {
  JOB_UNKNOWN_KIND: "job.error.unknown_kind",
  JOB_INTERRUPTED: "job.error.interrupted",
  JOB_STOPPED: "job.error.stopped",
  JOB_FAILED: "job.error.failed",
};

/** Why a job cannot be started, or why it ended without its result. */
export class JobError extends CustraError<JobErrorCode> {
  override readonly name = "JobError";

  constructor(code: JobErrorCode, params: TextParams = {}) {
    super(code, MESSAGE_KEYS[code], params);
  }
}
