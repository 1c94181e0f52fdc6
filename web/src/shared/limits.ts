/**
 * Longest free text the server accepts for descriptions, results and visit notes
 * (`maxFreeText` in server/src/platform/text.ts); text areas cap at the same length.
 */
export const maxFreeText = 10_000;
