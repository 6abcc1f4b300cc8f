// 提示函: the text of a notice letter to the department responsible for a problem that keeps recurring in a place.
// The same structure feeds the DOCX and the PDF. Pure.

export interface LetterCase {
  caseNo: string;
  date: string;        // 'YYYY-MM-DD' reported
  address: string;
  stage: string;       // stage name in Chinese
}

export interface LetterInput {
  letterNo: string;
  departmentName: string;
  placeName: string;
  typeName: string;
  windowFrom: string;
  windowTo: string;
  cases: readonly LetterCase[];
  issuerName: string;
  issuedDate: string;  // 'YYYY-MM-DD'
  centreName: string;  // who sends it, e.g. 云河市城市运行管理服务中心
}

export interface Letter {
  title: string;
  number: string;
  salutation: string;
  paragraphs: string[];
  caseHeader: string[];
  caseRows: string[][];
  signature: string[];
}

const cnDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** `提示〔2026〕第 7 号`. */
export function letterNumber(year: number, seq: number): string {
  return `提示〔${year}〕第 ${seq} 号`;
}

export function composeLetter(input: LetterInput): Letter {
  const n = input.cases.length;
  return {
    title: `关于${input.placeName}${input.typeName}问题反复发生的提示函`,
    number: input.letterNo,
    salutation: `${input.departmentName}：`,
    paragraphs: [
      `经城市运行管理服务平台分析研判，${cnDate(input.windowFrom)}至${cnDate(input.windowTo)}期间，${input.placeName}`
        + `共发生“${input.typeName}”类问题 ${n} 起，同类问题在同一区域反复出现，已成为群众关注的焦点问题。案件明细见下表。`,
      `请你单位按照城市管理权责清单落实属地及行业管理责任，深入分析问题反复发生的原因，从源头上采取长效治理措施，`
        + `并于收到本函之日起 10 个工作日内将整改情况及长效管理措施书面反馈至城市运行管理服务中心。`,
      '特此提示。',
    ],
    caseHeader: ['序号', '案件编号', '上报日期', '事发位置', '当前环节'],
    caseRows: input.cases.map((c, i) => [String(i + 1), c.caseNo, c.date, c.address, c.stage]),
    signature: [input.centreName, cnDate(input.issuedDate), `（经办人：${input.issuerName}）`],
  };
}

/** The letter as plain text (stored with the issued letter). */
export function letterText(l: Letter): string {
  return [l.title, l.number, l.salutation, ...l.paragraphs,
    l.caseHeader.join('\t'), ...l.caseRows.map((r) => r.join('\t')), ...l.signature].join('\n');
}
