import { initial } from "./0001_initial.ts";
import { analysis } from "./0002_analysis.ts";
import { grading } from "./0003_grading.ts";
import { bulkTableKeys } from "./0004_bulk_table_keys.ts";
import { satisfactionCampaigns } from "./0005_satisfaction_campaigns.ts";
import { companySettings } from "./0006_company_settings.ts";
import { importFields } from "./0007_import_fields.ts";
import { runWrites } from "./0008_run_writes.ts";
import { access } from "./0009_access.ts";
import { jobs } from "./0010_jobs.ts";
import { builtinDefinitions } from "./0011_builtin_definitions.ts";
import { importProfiles } from "./0012_import_profiles.ts";
import { manageProducts } from "./0013_manage_products.ts";
import { savedViews } from "./0014_saved_views.ts";
import { analysisRunStarter } from "./0015_analysis_run_starter.ts";
import type { Migration } from "./migration.ts";

/** Every migration, oldest first. Append new ones; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  analysis,
  grading,
  bulkTableKeys,
  satisfactionCampaigns,
  companySettings,
  importFields,
  runWrites,
  access,
  jobs,
  builtinDefinitions,
  importProfiles,
  manageProducts,
  savedViews,
  analysisRunStarter,
];
