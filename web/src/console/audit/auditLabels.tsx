import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';

type AuditData = Schemas['AuditEntry']['data'];
const k = 'audit';

/** UUIDv7 ids begin with their time, so rows written together share a prefix: show the end. */
export const shortId = (id: string) => (id.length > 12 ? `…${id.slice(-8)}` : id);

/** "受理 · case.accept" → the action's label, falling back to the raw action name. */
export function actionLabel(t: TFunction, action: string): string {
  return t(`${k}.actions.${action.replace(/\./g, '_')}` as never, { defaultValue: action }) as string;
}

export function entityTypeLabel(t: TFunction, entityType: string): string {
  return t(`${k}.entityTypes.${entityType}` as never, { defaultValue: entityType }) as string;
}

/** The readable name of the entry's object when its details carry one (a number or a name). */
export function entityName(data: AuditData): string | null {
  if (!data) return null;
  for (const key of ['number', 'caseNumber', 'noticeNumber', 'nameZh', 'name']) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return uuidLike.test(value) ? shortId(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map(valueText).join('、');
  return JSON.stringify(value);
}

/** An entry's details as "label: value" pairs, labelled where the key is known. */
export function AuditDataText({ data, t }: { data: AuditData; t: TFunction }) {
  if (!data) return null;
  const entries = Object.entries(data);
  if (entries.length === 0) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="audit-data">
      {entries.map(([key, value], i) => (
        <span key={key}>
          {i > 0 ? '；' : ''}
          {t(`${k}.dataKeys.${key}` as never, { defaultValue: key }) as string}: {valueText(value)}
        </span>
      ))}
    </Typography.Text>
  );
}
