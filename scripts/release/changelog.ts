/** True when CHANGELOG.md (Keep a Changelog) has a released entry `## [version] - YYYY-MM-DD`. */
export function changelogHasVersion(changelog: string, version: string): boolean {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}\\s*$`, 'm').test(changelog);
}
