import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../shared/format/time';

export type CaseSummary = Schemas['CaseSummary'];
export type CaseDetail = Schemas['CaseDetail'];
export type CaseStatus = CaseSummary['status'];
export type Colour = CaseSummary['colour'];
export type Level = CaseSummary['level'];
export type Channel = CaseSummary['channel'];
export type DemandType = CaseSummary['demandType'];

export const colours: Colour[] = ['red', 'yellow', 'green'];
export const levels: Level[] = ['grid', 'village', 'town', 'department'];
export const demandTypes: DemandType[] = ['inquiry', 'help', 'complaint', 'suggestion'];
export const channels: Channel[] = ['resident_app', 'visit', 'patrol', 'hotline', 'sms', 'email', 'open311', 'staff'];

/** A time as people in the county read it: Asia/Shanghai, `2026-11-22 09:34` (the app's one date helper). */
export const formatTime = formatDateTime;

/** `13:05:09` local clock, for "updated at" indicators. */
export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString('zh-CN', { hour12: false });
}

const colourTag: Record<Colour, string> = { red: 'red', yellow: 'gold', green: 'green' };

export function ColourTag({ colour }: { colour: Colour }) {
  const { t } = useTranslation();
  return (
    <Tag color={colourTag[colour]} style={{ marginInlineEnd: 0 }}>
      {t(`console.inbox.colours.${colour}`)}
    </Tag>
  );
}

const statusColour: Record<CaseStatus, string> = {
  reported: 'blue',
  accepted: 'cyan',
  rejected: 'default',
  merged: 'default',
  dispatched: 'geekblue',
  returned: 'orange',
  in_progress: 'processing',
  handled: 'purple',
  rework: 'volcano',
  closed: 'success',
};

/** The status as the server labels it (already in the reader's language). */
export function StatusTag({ status, label }: { status: CaseStatus; label: string }) {
  return (
    <Tag color={statusColour[status]} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

/** Case numbers look like `320305-20261122-0001` (the serial may widen past 9999). */
export const caseNumberPattern = /^\d{6}-\d{8}-\d{4,}$/;

/** The deadline that matters now: respond-by until accepted, then resolve-by until handled. */
export function currentDeadline(c: CaseSummary): string | null {
  if (c.status === 'reported') return c.respondBy;
  if (c.status === 'handled' || c.status === 'closed' || c.status === 'rejected' || c.status === 'merged') return null;
  return c.resolveBy;
}

const levelOrder = ['county', 'town', 'village', 'grid'];

/** County → town → village → grid, whatever order the server lists them in. */
export function areaPath(data: CaseDetail): string {
  return [...data.location.ancestors]
    .sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level))
    .map((a) => a.name)
    .join(' / ');
}
