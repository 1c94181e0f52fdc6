import PDFDocument from 'pdfkit';
import { qrSymbol } from './card-qr.js';
import { fontUnavailable, type CjkFonts } from './cjk-font.js';
import { cardColours, drawContacts } from './card-pdf-contacts.js';
import { placeLine, type ContactCardData } from './contact-card.js';

type Doc = PDFKit.PDFDocument;

const mm = 72 / 25.4;
/**
 * A6 landscape (148 × 105 mm): big enough for two or three contacts with photos, duties and a QR
 * code a phone reads from a metre away on a notice board (村务栏), small enough to hand to a household.
 */
export const cardSize = { width: 148 * mm, height: 105 * mm };
const a4 = { width: 210 * mm, height: 297 * mm };

const headerHeight = 48;
const footerHeight = 20;
const pad = 14;
const qrBox = 112;
const rightColumnWidth = 120;

/** One card per page, the page the size of the card (A6 card stock), or two cards per A4 sheet with cut marks. */
export type CardLayout = 'card' | 'sheet';

/** Renders cards into one PDF; text in the embedded (subset) CJK font, the QR code as vector shapes. */
export async function renderContactCardsPdf(fonts: CjkFonts, cards: ContactCardData[], layout: CardLayout, title: string): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, info: { Title: title, Author: 'Wangge 网格化基层治理', Subject: '党群联系卡' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc, fonts);
  if (layout === 'card') {
    for (const card of cards) {
      doc.addPage({ size: [cardSize.width, cardSize.height], margin: 0 });
      drawCard(doc, card, 0, 0);
    }
  } else {
    drawSheets(doc, cards);
  }
  doc.end();
  return done;
}

/** A font file that is not a font, or a wrong face name, answers 503 like a missing one. */
function registerFonts(doc: Doc, fonts: CjkFonts) {
  try {
    doc.registerFont('cjk', fonts.regular.file, fonts.regular.postscriptName as string);
    doc.registerFont('cjk-bold', fonts.bold.file, fonts.bold.postscriptName as string);
    // Opening the faces here makes a bad file fail now, not halfway through a page.
    doc.font('cjk-bold').font('cjk');
  } catch (error) {
    throw fontUnavailable(`${fonts.regular.file}: ${(error as Error).message}`);
  }
}

function drawCard(doc: Doc, card: ContactCardData, x: number, y: number) {
  const { width, height } = cardSize;
  const { red, gold, ink, grey, pale } = cardColours;
  doc.save();
  doc.rect(x, y, width, headerHeight).fill(red);
  doc.rect(x, y + headerHeight, width, 2.5).fill(gold);
  doc.font('cjk-bold').fontSize(22).fillColor('#FFFFFF').text('党群联系卡', x + 3, y + 4, { width, align: 'center', characterSpacing: 6, lineBreak: false });
  doc.font('cjk').fontSize(8).fillColor('#FFE9B0').text('有事直联 · 一户一卡', x + 1, y + 34, { width, align: 'center', characterSpacing: 2, lineBreak: false });

  const leftWidth = width - 2 * pad - rightColumnWidth - 8;
  doc.font('cjk-bold').fontSize(12).fillColor(ink).text(placeLine(card), x + pad, y + 57, { width: width - 2 * pad, height: 16, ellipsis: true });

  const footerTop = y + height - footerHeight;
  const householdLine = card.household ? 15 : 0;
  drawContacts(doc, card, { x: x + pad, y: y + 79, width: leftWidth, bottom: footerTop - 4 - householdLine });
  if (card.household) {
    doc.font('cjk').fontSize(8.5).fillColor(ink).text(`住户：${card.household.address}`, x + pad, footerTop - householdLine - 1, { width: leftWidth, height: 12, ellipsis: true });
  }

  const rightX = x + width - pad - rightColumnWidth;
  drawQr(doc, card.reportUrl, rightX + (rightColumnWidth - qrBox) / 2, y + 76, qrBox);
  doc.font('cjk-bold').fontSize(11).fillColor(red).text('扫码反映诉求', rightX, y + 76 + qrBox + 5, { width: rightColumnWidth, align: 'center', characterSpacing: 1, lineBreak: false });
  doc.font('cjk').fontSize(6.5).fillColor(grey).text('微信或浏览器扫码 · 自动定位本网格', rightX, y + 76 + qrBox + 21, { width: rightColumnWidth, align: 'center', lineBreak: false });

  doc.rect(x, footerTop, width, footerHeight).fill(pale);
  const issuer = [card.county?.name, card.town?.name].filter(Boolean).join(' · ');
  doc.font('cjk').fontSize(7.5).fillColor(ink).text(issuer, x + pad, footerTop + 5.5, { width: width / 2, lineBreak: false });
  doc.fontSize(6.5).fillColor(grey).text(`网格编码 ${card.grid.code}`, x + width / 2, footerTop + 6.5, { width: width / 2 - pad, align: 'right', lineBreak: false });
  doc.restore();
}

function drawQr(doc: Doc, text: string, x: number, y: number, box: number) {
  const symbol = qrSymbol(text);
  const module = box / symbol.size;
  doc.save();
  for (const run of symbol.runs) doc.rect(x + run.column * module, y + run.row * module, run.length * module, module);
  doc.fill('#000000');
  doc.restore();
}

/**
 * Two cards per A4 page, one above the other and touching, so one cut separates them; marks in the
 * margin show where to cut. A village of 12 grids is 6 sheets.
 */
function drawSheets(doc: Doc, cards: ContactCardData[]) {
  const x = (a4.width - cardSize.width) / 2;
  const top = (a4.height - 2 * cardSize.height) / 2;
  const pages = Math.ceil(cards.length / 2);
  for (let page = 0; page < pages; page++) {
    doc.addPage({ size: 'A4', margin: 0 });
    const onPage = cards.slice(page * 2, page * 2 + 2);
    onPage.forEach((card, i) => drawCard(doc, card, x, top + i * cardSize.height));
    drawCutMarks(doc, x, top, onPage.length);
    const village = onPage[0]?.village?.name ?? '';
    doc.font('cjk').fontSize(8).fillColor(cardColours.grey).text(`${village} 党群联系卡 · 沿裁切线裁开 · 第 ${page + 1}/${pages} 页`, 0, a4.height - 40, { width: a4.width, align: 'center', lineBreak: false });
  }
}

function drawCutMarks(doc: Doc, x: number, top: number, count: number) {
  const gap = 4;
  const length = 14;
  const right = x + cardSize.width;
  const bottom = top + count * cardSize.height;
  doc.save().lineWidth(0.5).strokeColor('#888888');
  for (let i = 0; i <= count; i++) {
    const edge = top + i * cardSize.height;
    doc.moveTo(x - gap - length, edge).lineTo(x - gap, edge).moveTo(right + gap, edge).lineTo(right + gap + length, edge);
  }
  for (const edgeX of [x, right]) {
    doc.moveTo(edgeX, top - gap - length).lineTo(edgeX, top - gap).moveTo(edgeX, bottom + gap).lineTo(edgeX, bottom + gap + length);
  }
  doc.stroke().restore();
}
