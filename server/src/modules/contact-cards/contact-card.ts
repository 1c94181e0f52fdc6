import type { Bilingual } from '../../platform/i18n.js';
import type { AssignmentTier } from '../assignments/assignments.tables.js';

/** Who a card names: the cadres assigned to the grid or its village, and the grid's grid workers. */
export type ContactKind = 'cadre' | 'grid_worker';

export interface CardContact {
  kind: ContactKind;
  /** The assignment tier of a cadre; null for a grid worker. */
  tier: AssignmentTier | null;
  /** What the card prints above the name: 包联干部 / 村干部 / 社区干部 / 网格员. */
  label: Bilingual;
  name: string;
  title: string | null;
  duties: string | null;
  /** The work phone, in clear: the card publishes it on purpose (有事直联, docs/contact-cards.md). */
  phone: string | null;
}

export interface CardPlace {
  code: string;
  name: string;
}

/**
 * Everything one 党群联系卡 shows, and nothing more: the public JSON, the phone page and the PDF
 * are all drawn from this, so none of them can show what the printed card does not.
 */
export interface ContactCardData {
  grid: CardPlace;
  village: (CardPlace & { kind: 'village' | 'community' | null }) | null;
  town: CardPlace | null;
  county: CardPlace | null;
  contacts: CardContact[];
  /** What the QR code opens: the resident report page, located to this grid. */
  reportUrl: string;
  /** On a household's card (一户一卡): its address, and no member data. */
  household?: { address: string };
}

/** The resident report page located to a grid; the grid code is all the intake needs (case-location.ts). */
export function reportUrlFor(publicBaseUrl: string, gridCode: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/r/report?grid=${encodeURIComponent(gridCode)}`;
}

/** The phone page showing the same card. */
export function cardPageUrlFor(publicBaseUrl: string, gridCode: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/r/card/${encodeURIComponent(gridCode)}`;
}

/** Cards print the town cadre first (the 包村干部 the seeds' cards name), then village members, then grid workers. */
export function contactRank(contact: Pick<CardContact, 'kind' | 'tier'>): number {
  if (contact.kind === 'grid_worker') return 3;
  return contact.tier === 'town_cadre' ? 0 : contact.tier === 'village_member' ? 1 : 2;
}

export function contactLabel(kind: ContactKind, tier: AssignmentTier | null, villageKind: 'village' | 'community' | null): Bilingual {
  if (kind === 'grid_worker') return { zh: '网格员', en: 'Grid worker' };
  if (tier === 'village_member') {
    return villageKind === 'community' ? { zh: '社区干部', en: 'Community officer' } : { zh: '村干部', en: 'Village officer' };
  }
  if (tier === 'town_leader') return { zh: '联系领导', en: 'Town leader' };
  return { zh: '包联干部', en: 'Liaison cadre' };
}

/** 13800010137 → 138 0001 0137, the way phone numbers are printed. */
export function formatPhone(phone: string): string {
  return /^1\d{10}$/.test(phone) ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone;
}

/** The place line: 江庄镇 江庄村 · 江庄村第一网格 (the grid name alone when it already starts with the village's). */
export function placeLine(card: Pick<ContactCardData, 'town' | 'village' | 'grid'>): string {
  const above = [card.town?.name, card.village?.name].filter(Boolean).join(' ');
  return above ? `${above} · ${card.grid.name}` : card.grid.name;
}
