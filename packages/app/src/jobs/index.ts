export { JobError, type JobErrorCode } from "./job-error.ts";
export {
  type JobEvent,
  type JobKind,
  JobRunner,
  type JobRunnerOptions,
  type JobScope,
  jobErrorRecord,
  jobErrorText,
  jobKind,
} from "./job-runner.ts";
export { getJob, getJobInput, listJobs, listJobsInput } from "./jobs.service.ts";
export {
  type PipelineSchedule,
  type PipelineScheduleView,
  showPipelineSchedule,
} from "./pipeline-schedule.service.ts";
