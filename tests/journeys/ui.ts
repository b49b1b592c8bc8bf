/**
 * What a journey needs from a browser, whichever drives it: Playwright in
 * Chromium (tests/e2e), Puppeteer over WebDriver BiDi in Firefox
 * (tests/firefox). Journeys and page objects in this folder use only this, so
 * both suites run the very same steps; only the launcher differs.
 * Selectors are CSS (both drivers understand them).
 */
export interface UiPage {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  click(selector: string): Promise<void>;
  /** Replaces the field's value, as typing would. */
  fill(selector: string, value: string): Promise<void>;
  /** Moves the focus to the element (for keyboard-only steps). */
  focus(selector: string): Promise<void>;
  /** Makes this the foreground tab (keys go to the focused tab). */
  bringToFront(): Promise<void>;
  press(key: 'Tab' | 'Enter' | 'Space' | 'ArrowRight' | 'ArrowLeft' | 'Escape'): Promise<void>;
  /** Waits until an element matching `selector` is in the page. */
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** The text content of every match, trimmed. */
  texts(selector: string): Promise<string[]>;
  /** An attribute of every match (null where absent). */
  attributes(selector: string, name: string): Promise<(string | null)[]>;
  /** `read` of every match, run in the page (self-contained: it is serialised). */
  each<T>(selector: string, read: (el: Element) => T): Promise<T[]>;
  /** Runs `fn` in the page (extension pages: with the extension's APIs). */
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Runs a script's source in the page (to inject axe-core). */
  addScript(source: string): Promise<void>;
  close(): Promise<void>;
}

/** The page-side expression that maps `read` over the matches of `selector` (both drivers evaluate strings). */
export const eachExpression = (selector: string, read: (el: Element) => unknown) =>
  `Array.from(document.querySelectorAll(${JSON.stringify(selector)})).map(${read.toString()})`;

export interface ExtensionBrowser {
  readonly name: 'chromium' | 'firefox';
  /** Opens one of the extension's pages (popup.html, options.html…) once `ready` matches. */
  extensionPage(path: string, ready: string): Promise<UiPage>;
  /** A new tab for web pages. */
  newPage(): Promise<UiPage>;
  /** The ids of the content scripts the background registered. */
  registeredScripts(): Promise<string[]>;
  close(): Promise<void>;
}
