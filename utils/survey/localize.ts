import type { LocalizedText } from '../contract/survey';

/** STUB (survey-logic helper implements). The text for a UI language ("de", "de-AT", "en-US" …), else default. */
export function localized(text: LocalizedText | undefined, _lang: string): string {
  if (text === undefined) return '';
  return typeof text === 'string' ? text : (text.default ?? '');
}
