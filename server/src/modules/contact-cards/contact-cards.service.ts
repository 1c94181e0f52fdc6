import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { actorCoversPath, requirePermission, type Actor } from '../../platform/actor.js';
import { findNodeByCode, findNodeById, nodesUnderPath } from '../territory/index.js';
import type { TerritoryNodeRow } from '../territory/territory.tables.js';
import { renderContactCardsPdf, type CardLayout } from './card-pdf.js';
import { requireCjkFonts, type CjkFontLookup } from './cjk-font.js';
import { placeLine, reportUrlFor, type ContactCardData } from './contact-card.js';
import { findHousehold, householdAddress, loadGridCards } from './contact-cards.queries.js';

/** What the card use cases need beyond the app context: the font found at start-up and where residents reach us. */
export interface CardDeps {
  ctx: AppContext;
  fonts: CjkFontLookup;
  /** WANGGE_PUBLIC_URL, or the origin the request came in on. */
  publicBaseUrl: string;
}

export interface CardPdf {
  pdf: Buffer;
  /** ASCII file name (contact-card-<code>.pdf) and the Chinese one for browsers that read filename*. */
  filename: string;
  displayName: string;
}

const gridNotFound = (code: string) => notFound({ zh: `找不到网格 ${code}`, en: `No grid ${code}` });

async function render(deps: CardDeps, cards: ContactCardData[], layout: CardLayout, title: string) {
  return renderContactCardsPdf(requireCjkFonts(deps.fonts), cards, layout, title);
}

function cardsFor(deps: CardDeps, grids: TerritoryNodeRow[]) {
  return loadGridCards(deps.ctx, grids, (code) => reportUrlFor(deps.publicBaseUrl, code));
}

/** A grid's card as a one-page PDF the size of the card; grids outside the actor's territory do not exist (404). */
export async function gridCardPdf(deps: CardDeps, actor: Actor, gridCode: string): Promise<CardPdf> {
  const staffActor = requirePermission(actor, 'staff:read');
  const grid = await findNodeByCode(deps.ctx.db, gridCode);
  if (!grid || grid.level !== 'grid' || !actorCoversPath(staffActor, grid.path)) throw gridNotFound(gridCode);
  requireCjkFonts(deps.fonts);
  const cards = await cardsFor(deps, [grid]);
  const displayName = `党群联系卡-${placeLine(cards[0]!).replace(/[\s·]+/g, '')}.pdf`;
  return { pdf: await render(deps, cards, 'card', `党群联系卡 ${placeLine(cards[0]!)}`), filename: `contact-card-${grid.code}.pdf`, displayName };
}

/**
 * Every grid of a village, two cards per A4 sheet with cut marks: what a village office prints and
 * cuts for its notice boards. For staff whose territory contains the whole village (404 otherwise).
 * A read of data printed for the public anyway: no audit row (docs/contact-cards.md).
 */
export async function villageCardsPdf(deps: CardDeps, actor: Actor, villageCode: string): Promise<CardPdf> {
  const staffActor = requirePermission(actor, 'staff:read');
  const village = await findNodeByCode(deps.ctx.db, villageCode);
  if (!village || village.level !== 'village' || !actorCoversPath(staffActor, village.path)) {
    throw notFound({ zh: `找不到村(社区) ${villageCode}`, en: `No village or community ${villageCode}` });
  }
  const grids = await nodesUnderPath(deps.ctx.db, village.path, 'grid');
  if (grids.length === 0) {
    throw new AppError('UNPROCESSABLE', { detail: { zh: `${village.name}还没有划分网格，没有可打印的联系卡`, en: `${village.name} has no grids yet, so there are no cards to print` } });
  }
  requireCjkFonts(deps.fonts);
  const cards = await cardsFor(deps, grids);
  return {
    pdf: await render(deps, cards, 'sheet', `党群联系卡 ${village.name}（${grids.length} 张）`),
    filename: `contact-cards-${village.code}.pdf`,
    displayName: `党群联系卡-${village.name}.pdf`,
  };
}

/** 一户一卡: the household's grid card with its address on it — and nothing about who lives there. */
export async function householdCardPdf(deps: CardDeps, actor: Actor, householdId: string): Promise<CardPdf> {
  const staffActor = requirePermission(actor, 'household:read');
  const household = await findHousehold(deps.ctx, householdId);
  if (!household || !actorCoversPath(staffActor, household.territoryPath)) {
    throw notFound({ zh: '找不到该住户', en: 'No such household' });
  }
  const grid = await findNodeById(deps.ctx.db, household.gridId);
  if (!grid) throw notFound({ zh: '找不到该住户', en: 'No such household' });
  requireCjkFonts(deps.fonts);
  const [card] = await cardsFor(deps, [grid]);
  const address = householdAddress(household);
  return {
    pdf: await render(deps, [{ ...card!, household: { address } }], 'card', `党群联系卡 ${address}`),
    filename: `contact-card-household-${household.id}.pdf`,
    displayName: `党群联系卡-${address.replace(/\s+/g, '')}.pdf`,
  };
}

/** The card as residents see it on their phone: exactly what the printed card shows, for any grid (public). */
export async function publicContactCard(deps: CardDeps, gridCode: string): Promise<ContactCardData> {
  const grid = await findNodeByCode(deps.ctx.db, gridCode);
  if (!grid || grid.level !== 'grid') throw gridNotFound(gridCode);
  const [card] = await cardsFor(deps, [grid]);
  return card!;
}
