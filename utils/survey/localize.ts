import type { LocalizedText } from '../contract/survey';

/**
 * The text for a UI language ("de", "de-AT", "en_US" …): the entry for its
 * primary subtag, else "default" (SurveyJS's fallback). A plain string is
 * the same in every language; no text is ''.
 */
export function localized(text: LocalizedText | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const primary = lang.toLowerCase().split(/[-_]/)[0] ?? '';
  // Own keys only: a language tag is input, not a property name.
  const own = Object.hasOwn(text, primary) ? text[primary] : undefined;
  return own ?? text.default ?? '';
}
