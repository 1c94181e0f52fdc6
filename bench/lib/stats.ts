/** Small helpers shared by the benchmarks. */
import os from 'node:os';
import { mulberry32 } from '../../server/src/platform/prng.js';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 12345.6 → "12,346"; keeps one decimal below 100. */
export function fmt(value: number, decimals = value < 100 ? 1 : 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}


/** A plain text table: the first row is the header. */
export function table(rows: readonly (readonly string[])[]): string {
  // CJK characters take two columns in a terminal.
  const width = (text: string) => [...text].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  const pad = (text: string, to: number, left: boolean) => (left ? ' '.repeat(Math.max(0, to - width(text))) + text : text + ' '.repeat(Math.max(0, to - width(text))));
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  const line = (r: readonly string[]) => r.map((cell, c) => pad(cell, widths[c]!, c !== 0)).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Another engineer's vitest run would share these two cores: say so in the output. */
export async function warnIfBusy(): Promise<void> {
  const { execFileSync } = await import('node:child_process');
  try {
    const out = execFileSync('pgrep', ['-f', 'vitest'], { encoding: 'utf8' }).trim();
    if (out) console.warn(`note: vitest is running (pids ${out.split('\n').join(', ')}); figures will be lower than on an idle machine`);
  } catch {
    // pgrep exits 1 when nothing matches.
  }
}

export function machine(): string {
  return `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${loadAverage()}`;
}

/** Other work on the machine shows here; print it at the start and the end of a run. */
export function loadAverage(): string {
  return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

export { mulberry32 };
