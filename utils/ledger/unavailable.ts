/**
 * The background's refusal reason when the ledger (IndexedDB) cannot be
 * opened on this profile. No imports: the content script reads it too.
 */
export const LEDGER_UNAVAILABLE = 'ledger storage unavailable';
