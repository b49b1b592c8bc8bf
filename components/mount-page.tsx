import './theme.css';
import { type ComponentType, render } from 'preact';
import { uiLocale } from './i18n';

/** Starts an extension page (popup, options, onboarding): theme, language, app. */
export function mountPage(App: ComponentType): void {
  document.documentElement.lang = uiLocale();
  render(<App />, document.getElementById('app')!);
}
