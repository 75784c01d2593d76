/**
 * Argo CD applies lower waves first and waits for them to be healthy:
 * namespace and secrets, then what the Rollout refers to, then the Rollout.
 */
export const SYNC_WAVE = {
  namespace: -2,
  prerequisites: -1,
  supporting: 0,
  migration: 1,
  workload: 2,
} as const;

export function syncWave(wave: number): Record<string, string> {
  return { "argocd.argoproj.io/sync-wave": String(wave) };
}
