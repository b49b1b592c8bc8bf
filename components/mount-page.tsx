import './theme.css';
import { type ComponentType, render } from 'preact';
import { applyUiPrefs, watchUiPrefs } from './ui-prefs';

/** Starts an extension page (popup, options, onboarding, privacy): theme, language, app. */
export function mountPage(App: ComponentType): void {
  const root = document.getElementById('app')!;
  // Rendering again keeps the components' state and focus; their text takes the new language.
  const show = () => render(<App />, root);
  void applyUiPrefs().finally(show);
  watchUiPrefs(show);
}
