// pdfkit with the Noto CJK fonts (fonts-noto-cjk), and a document collected into one Buffer.
import PDFDocument from 'pdfkit';

const FONT_DIR = '/usr/share/fonts/opentype/noto';
export const FONT = 'cjk';
export const FONT_BOLD = 'cjk-bold';

export type Pdf = PDFKit.PDFDocument;

/** An A4 document with the CJK fonts registered (regular as the default font). */
export function newPdf(title: string): Pdf {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 56, right: 56 }, info: { Title: title, Producer: 'CityOps' },
    bufferPages: true });
  doc.registerFont(FONT, `${FONT_DIR}/NotoSansCJK-Regular.ttc`, 'NotoSansCJKsc-Regular');
  doc.registerFont(FONT_BOLD, `${FONT_DIR}/NotoSansCJK-Bold.ttc`, 'NotoSansCJKsc-Bold');
  doc.font(FONT);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
