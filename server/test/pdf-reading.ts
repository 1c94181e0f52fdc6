/**
 * Reading generated PDFs back the way a person would: the text a viewer extracts, the fonts embedded,
 * and each page rendered to pixels (pdf.js, on the @napi-rs/canvas it brings along in Node) so a QR decoder can scan it.
 */
import jsQRModule from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadPdf {
  pageCount: number;
  /** The text of each page, items joined without separators (CJK has no spaces). */
  pages: string[];
  /** Base font names of every font the pages use (`ABCDEF+NotoSansCJKsc-Regular`). */
  fontNames: string[];
}

// jsqr is CommonJS with a `default` in its types only: under NodeNext the import is the function itself at run time.
type ScanQr = typeof jsQRModule.default;
const jsQR: ScanQr = (jsQRModule as unknown as { default?: ScanQr }).default ?? (jsQRModule as unknown as ScanQr);

interface CanvasFactory {
  create(width: number, height: number): {
    canvas: { width: number; height: number; toBuffer(type: 'image/png'): Buffer };
    context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  };
}

async function open(bytes: Buffer) {
  // pdf.js keeps the buffer; hand it a copy it may detach.
  return getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

export async function readPdf(bytes: Buffer): Promise<ReadPdf> {
  const pdf = await open(bytes);
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  const fontNames = [...new Set([...bytes.toString('latin1').matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1]!))];
  await pdf.destroy();
  return { pageCount: pages.length, pages, fontNames };
}

/** Renders one page at `scale` (1 = 72 dpi; 2 gives a QR module of about 7 px) to a PNG and its RGBA pixels. */
export async function renderPage(bytes: Buffer, pageNumber: number, scale = 2): Promise<{ png: Buffer; width: number; height: number; rgba: Uint8ClampedArray }> {
  const pdf = await open(bytes);
  const page = await pdf.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  // pdf.js's own canvas factory (its optional @napi-rs/canvas in Node): a canvas from another copy
  // of that library would not accept pdf.js's Path2D objects.
  const { canvas, context } = (pdf as unknown as { canvasFactory: CanvasFactory }).canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const png = canvas.toBuffer('image/png');
  await pdf.destroy();
  return { png, width: canvas.width, height: canvas.height, rgba: image.data };
}

/**
 * The QR code a phone finds in each of `bands` equal horizontal strips of the page, top to bottom
 * (a sheet of two cards: 2), as a person scans one card at a time; null where none is readable.
 * Like a phone taking several frames, it tries a few resolutions: jsQR's binariser misses a symbol
 * at the odd scale where module edges land on pixel boundaries unluckily.
 */
export async function scanQrCodes(bytes: Buffer, pageNumber: number, bands = 1): Promise<Array<string | null>> {
  const found: Array<string | null> = new Array(bands).fill(null);
  for (const scale of [3, 2.5, 2]) {
    const { width, height, rgba } = await renderPage(bytes, pageNumber, scale);
    const bandHeight = Math.floor(height / bands);
    for (let band = 0; band < bands; band++) {
      if (found[band] !== null) continue;
      const strip = rgba.subarray(band * bandHeight * width * 4, (band + 1) * bandHeight * width * 4);
      found[band] = jsQR(strip, width, bandHeight, { inversionAttempts: 'dontInvert' })?.data ?? null;
    }
    if (found.every((code) => code !== null)) break;
  }
  return found;
}
