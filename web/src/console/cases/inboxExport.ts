import i18n from '../../i18n';
import { download } from '../../shared/download';
import { fetchAllCases, territoryPaths, type CaseFilters } from './caseApi';
import { formatTime } from './format';
import { buildXlsx } from './xlsx';

/** The export: every page of the filtered list, Chinese column headers and values. */
export async function exportCases(filters: CaseFilters, statusLabel: (status: string, language: 'zh') => string, onProgress: (n: number) => void): Promise<number> {
  const zh = i18n.getFixedT('zh', undefined, 'console.inbox');
  const items = await fetchAllCases(filters, 50_000, onProgress);
  const paths = await territoryPaths(items.map((c) => c.territory.code));
  const keys = ['number', 'status', 'colour', 'level', 'category', 'demandType', 'channel', 'description', 'territory', 'grid', 'assignee', 'respondBy', 'resolveBy', 'overdue', 'createdAt'] as const;
  const header = keys.map((k) => zh(`columns.${k}`));
  const rows = items.map((c) => [
    c.number,
    statusLabel(c.status, 'zh'),
    zh(`colours.${c.colour}`),
    zh(`levels.${c.level}`),
    c.category ? `${c.category.name}（${c.category.code}）` : '',
    zh(`demandTypes.${c.demandType}`),
    zh(`channels.${c.channel}`),
    c.description,
    paths.get(c.territory.code) ?? c.territory.name,
    c.grid?.name ?? '',
    c.assignee?.name ?? '',
    formatTime(c.respondBy),
    formatTime(c.resolveBy),
    c.isOverdue ? zh('yes') : zh('no'),
    formatTime(c.createdAt),
  ]);
  const stamp = formatTime(new Date().toISOString()).replace(/[-: ]/g, '').slice(0, 12);
  download(buildXlsx('案件', header, rows, [24, 10, 6, 10, 22, 10, 14, 50, 18, 18, 18, 17, 17, 8, 17]), `案件列表-${stamp}.xlsx`);
  return items.length;
}
