/** Labelled corpora as plain text: one example a line, `text<TAB>label` (the public corpus's format). */
import type { Example } from './types.js';

/**
 * Parses `text<TAB>label` lines; blank lines are skipped. Tabs inside the text are not possible in this format:
 * the label is what follows the last tab. Throws on a line without a tab, naming only its number (the text may
 * be personal data).
 */
export function parseLabelledLines(content: string): Example[] {
  const examples: Example[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const tab = line.lastIndexOf('\t');
    if (tab < 0) throw new Error(`line ${i + 1}: no tab between the text and its label`);
    examples.push({ text: line.slice(0, tab), label: line.slice(tab + 1).trim() });
  });
  return examples;
}
