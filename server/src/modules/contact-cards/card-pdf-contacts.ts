import { formatPhone, type CardContact, type ContactCardData } from './contact-card.js';

type Doc = PDFKit.PDFDocument;

/** 党建红 and gold on white, as official party-service materials are printed. */
export const cardColours = { red: '#C8102E', gold: '#E8B64C', ink: '#222222', grey: '#6B6B6B', pale: '#FBECEC' };

interface Area {
  x: number;
  y: number;
  width: number;
  bottom: number;
}

/** How one contact is drawn; the largest style that fits everyone is used. */
interface BlockStyle {
  height: number;
  /** The photo placeholder; none in compact rows. */
  photo: { width: number; height: number } | null;
  nameSize: number;
  phoneSize: number;
  dutiesLines: number;
}

/**
 * Full blocks as the seeds describe the card (photo, name, duties, phone) for up to three people;
 * the usual four (包联干部, 村干部, two grid workers) get a smaller photo and one line of duties;
 * five or six share compact rows without photos.
 */
const blockStyles: BlockStyle[] = [
  { height: 58, photo: { width: 34, height: 44 }, nameSize: 13, phoneSize: 11.5, dutiesLines: 2 },
  { height: 47, photo: { width: 27, height: 36 }, nameSize: 12, phoneSize: 10.5, dutiesLines: 1 },
];
const compactHeight = 28;

/**
 * The people on the card, in the largest style that fits; beyond what compact rows hold, a line
 * says how many more there are (the phone page /r/card lists everyone).
 */
export function drawContacts(doc: Doc, card: ContactCardData, area: Area) {
  const { grey } = cardColours;
  if (card.contacts.length === 0) {
    doc.font('cjk').fontSize(9).fillColor(grey).text('本网格联系人正在配备中，有事请扫码反映。', area.x, area.y + 4, { width: area.width });
    return;
  }
  const available = area.bottom - area.y;
  const style = blockStyles.find((s) => card.contacts.length * s.height <= available);
  if (style) {
    card.contacts.forEach((contact, i) => drawBlock(doc, contact, style, area.x, area.y + i * style.height, area.width));
    return;
  }
  const fits = Math.floor(available / compactHeight);
  const shown = card.contacts.length <= fits ? card.contacts : card.contacts.slice(0, fits - 1);
  shown.forEach((contact, i) => drawCompact(doc, contact, area.x, area.y + i * compactHeight, area.width));
  if (shown.length < card.contacts.length) {
    const more = card.contacts.length - shown.length;
    doc.font('cjk').fontSize(8).fillColor(grey).text(`另有 ${more} 位联系人，扫码后可在手机上查看。`, area.x, area.y + shown.length * compactHeight + 6, { width: area.width });
  }
}

/** A small red badge (包联干部 / 网格员); answers its width. */
function badge(doc: Doc, text: string, x: number, y: number): number {
  doc.font('cjk').fontSize(7);
  const width = doc.widthOfString(text) + 6;
  doc.roundedRect(x, y, width, 11, 2).fill(cardColours.red);
  doc.fillColor('#FFFFFF').text(text, x + 3, y + 1.2, { lineBreak: false });
  return width;
}

/** Name in bold, the title after it in grey, on one line of the given width. */
function nameLine(doc: Doc, contact: CardContact, x: number, y: number, width: number, size: number) {
  const { ink, grey } = cardColours;
  doc.font('cjk-bold').fontSize(size).fillColor(ink);
  const nameWidth = Math.min(doc.widthOfString(contact.name), width);
  doc.text(contact.name, x, y, { width: nameWidth + 1, height: size * 1.5, ellipsis: true, lineBreak: false });
  if (contact.title && nameWidth + 10 < width) {
    doc.font('cjk').fontSize(size * 0.62).fillColor(grey).text(contact.title, x + nameWidth + 5, y + size * 0.36, { width: width - nameWidth - 5, height: size, ellipsis: true });
  }
}

/** The phone line; answers the width it took. */
function phoneText(doc: Doc, contact: CardContact, x: number, y: number, width: number, size: number): number {
  const { red, grey } = cardColours;
  if (!contact.phone) {
    doc.font('cjk').fontSize(size * 0.8).fillColor(grey).text('电话 —', x, y, { width, lineBreak: false });
    return doc.widthOfString('电话 —');
  }
  const text = `电话 ${formatPhone(contact.phone)}`;
  // A tel: link: opened on a phone, the PDF dials the number directly.
  doc.font('cjk-bold').fontSize(size).fillColor(red).text(text, x, y, { width, lineBreak: false, link: `tel:${contact.phone}` });
  return doc.widthOfString(text);
}

function drawBlock(doc: Doc, contact: CardContact, style: BlockStyle, x: number, y: number, width: number) {
  const { ink, grey } = cardColours;
  const photo = style.photo!;
  doc.save().lineWidth(0.6).dash(2, { space: 1.5 }).strokeColor('#B0B0B0').rect(x, y, photo.width, photo.height).stroke().restore();
  doc.font('cjk').fontSize(7).fillColor('#A0A0A0').text('照片', x, y + photo.height / 2 - 5, { width: photo.width, align: 'center', lineBreak: false });

  const textX = x + photo.width + 8;
  const textWidth = width - photo.width - 8;
  const badgeWidth = badge(doc, contact.label.zh, textX, y + 2);
  nameLine(doc, contact, textX + badgeWidth + 5, y - 1, textWidth - badgeWidth - 5, style.nameSize);
  const dutiesTop = y + style.nameSize + 4;
  const dutiesHeight = style.dutiesLines * 10;
  doc.font('cjk').fontSize(7.5).fillColor(contact.duties ? ink : grey).text(`职责：${contact.duties ?? '—'}`, textX, dutiesTop, { width: textWidth, height: dutiesHeight, ellipsis: true });
  phoneText(doc, contact, textX, dutiesTop + dutiesHeight + 1, textWidth, style.phoneSize);
}

function drawCompact(doc: Doc, contact: CardContact, x: number, y: number, width: number) {
  const badgeWidth = badge(doc, contact.label.zh, x, y + 1.5);
  nameLine(doc, contact, x + badgeWidth + 5, y - 1, width - badgeWidth - 5, 11);
  const phoneWidth = phoneText(doc, contact, x, y + 14, width, 9.5);
  if (contact.duties && phoneWidth + 30 < width) {
    doc.font('cjk').fontSize(7).fillColor(cardColours.grey).text(contact.duties, x + phoneWidth + 8, y + 16, { width: width - phoneWidth - 8, height: 10, ellipsis: true });
  }
}
