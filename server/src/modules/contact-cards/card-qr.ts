import QRCode from 'qrcode';

/** A horizontal run of dark modules in one row of a QR symbol. */
export interface QrRun {
  row: number;
  column: number;
  length: number;
}

export interface QrSymbol {
  /** Modules per side, without the quiet zone. */
  size: number;
  runs: QrRun[];
}

/**
 * The QR symbol for a URL as runs of dark modules. The PDF draws them as vector rectangles (sharp at
 * any print size); merging each row's neighbours into one rectangle leaves no hairline seams between
 * modules in viewers that anti-alias each rectangle. Level M survives a scuffed card on a notice board.
 */
export function qrSymbol(text: string): QrSymbol {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: QrRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let column = 0; column <= modules.size; column++) {
      const isDark = column < modules.size && Boolean(modules.get(row, column));
      if (isDark && start < 0) start = column;
      if (!isDark && start >= 0) {
        runs.push({ row, column: start, length: column - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}
