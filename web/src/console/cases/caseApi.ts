import { api, call } from '../../api/client';
import type { CaseStatus, CaseSummary, Channel, Colour, Level } from './format';

/** The inbox filters, exactly the list API's query parameters. */
export interface CaseFilters {
  status?: CaseStatus[];
  level?: Level;
  colour?: Colour;
  territory?: string;
  /** The territory's name, for showing the filter (not sent). */
  territoryName?: string;
  channel?: Channel[];
  /** Reported from / to this day (YYYY-MM-DD, Asia/Shanghai). */
  from?: string;
  to?: string;
  category?: string;
  assignee?: 'me' | 'none';
  overdue?: boolean;
  q?: string;
}

export function toQuery(filters: CaseFilters, cursor?: string | null, limit = 50) {
  return {
    status: filters.status?.length ? filters.status.join(',') : undefined,
    level: filters.level || undefined,
    colour: filters.colour || undefined,
    territory: filters.territory?.trim() || undefined,
    category: filters.category || undefined,
    assignee: filters.assignee || undefined,
    overdue: filters.overdue ? ('true' as const) : undefined,
    q: filters.q?.trim() || undefined,
    channel: filters.channel?.length ? filters.channel.join(',') : undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    cursor: cursor ?? undefined,
    limit,
  };
}

export function fetchCasePage(filters: CaseFilters, cursor?: string | null, limit = 50) {
  return call(api.GET('/api/v1/cases', { params: { query: toQuery(filters, cursor, limit) } }));
}

/** Every page of a filtered list (exports, dashboards), up to `max` cases. */
export async function fetchAllCases(filters: CaseFilters, max = 10_000, onProgress?: (count: number) => void): Promise<CaseSummary[]> {
  const out: CaseSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchCasePage(filters, cursor, 200);
    out.push(...page.items);
    onProgress?.(out.length);
    cursor = page.nextCursor;
  } while (cursor && out.length < max);
  return out;
}

export function fetchCase(id: string) {
  return call(api.GET('/api/v1/cases/{id}', { params: { path: { id } } }));
}

/** Finds a case by its number (through the list's text search); null when none matches exactly. */
export async function findCaseByNumber(number: string): Promise<CaseSummary | null> {
  const page = await fetchCasePage({ q: number.trim() }, null, 20);
  return page.items.find((c) => c.number === number.trim()) ?? null;
}

/**
 * The full names of territory nodes below the county, `江庄镇 / 江庄村 / 江庄村第一网格`, by code: one
 * lookup per distinct node, a few at a time. A node that cannot be read keeps no entry.
 */
export async function territoryPaths(codes: string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(codes)];
  const out = new Map<string, string>();
  const worker = async () => {
    for (let code = distinct.shift(); code !== undefined; code = distinct.shift()) {
      try {
        const node = await call(api.GET('/api/v1/territories/{code}', { params: { path: { code } } }));
        const names = [...node.ancestors.filter((a) => a.level !== 'county').map((a) => a.name), node.name];
        out.set(code, names.join(' / '));
      } catch {
        // Outside the reader's territory view: the export keeps the node's own name.
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return out;
}

