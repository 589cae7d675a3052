/**
 * The recommendation model the 360 view asks, kept per database handle: building one reads a
 * sample of the base's purchases (seconds on a million customers), asking it for one customer is
 * a few point reads. It is rebuilt when a newer analysis run appears (its value tiers are the
 * peer grades); while the new one builds, the previous one keeps answering, so that a view never
 * waits for a rebuild behind a running job — only the very first view of a handle waits.
 */
import { type DbHandle, findAnalysisRun } from "@custra/db";
import { loadRecommendationModel, type RecommendationModel } from "@custra/engine";

interface Kept {
  model?: RecommendationModel;
  building?: { runId: number | null; model: Promise<RecommendationModel> };
}

// Keyed by the handle's read connections, which every copy of a handle (forReading) shares.
const kept = new WeakMap<object, Kept>();

export async function currentRecommendationModel(handle: DbHandle): Promise<RecommendationModel> {
  const runId = (await findAnalysisRun(handle.read))?.id ?? null;
  let entry = kept.get(handle.read);
  if (!entry) {
    entry = {};
    kept.set(handle.read, entry);
  }
  if (entry.model && entry.model.runId === runId) return entry.model;
  if (entry.building?.runId !== runId) {
    const building = { runId, model: loadRecommendationModel(handle, { sampled: true }) };
    entry.building = building;
    const settled = entry;
    building.model.then(
      (model) => {
        if (settled.building === building) {
          settled.model = model;
          settled.building = undefined;
        }
      },
      () => {
        if (settled.building === building) settled.building = undefined;
      },
    );
  }
  return entry.model ?? entry.building!.model;
}
