/**
 * Whether the reader asked their system for less motion (prefers-reduced-motion): antd's
 * transitions and the charts' entry animations are then off. Browser tests ask for it too, so
 * that no click lands on a menu still sliding in and no chart is read mid-animation.
 */
import { useSyncExternalStore } from "react";

const QUERY = "(prefers-reduced-motion: reduce)";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
}
