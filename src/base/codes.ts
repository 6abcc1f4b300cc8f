// Codes of places and things (see shared/domain §1). Pure functions, no IO.

export type DivisionLevel = 'city' | 'district' | 'street' | 'community';

/** Level of a division code by its shape: 6 digits city/district, 9 street, 12 community. */
export function divisionLevel(code: string): DivisionLevel | undefined {
  if (/^\d{12}$/.test(code)) return 'community';
  if (/^\d{9}$/.test(code)) return 'street';
  if (/^\d{6}$/.test(code)) return code.endsWith('00') ? 'city' : 'district';
  return undefined;
}

/** The parent code implied by a division code (street → district, community → street). */
export function impliedParent(code: string): string | undefined {
  if (code.length === 12) return code.slice(0, 9);
  if (code.length === 9) return code.slice(0, 6);
  if (code.length === 6 && !code.endsWith('00')) return `${code.slice(0, 4)}00`;
  return undefined;
}

export interface GridCodeParts {
  district: string;   // 6
  street: string;     // 9
  community: string;  // 12
  sequence: string;   // 3
}

/** 单元网格编码: 15 digits = 6 division + 3 street + 3 community + 3 sequence. */
export function parseGridCode(code: string): GridCodeParts | undefined {
  if (!/^\d{15}$/.test(code) || code.endsWith('000')) return undefined;
  return { district: code.slice(0, 6), street: code.slice(0, 9), community: code.slice(0, 12), sequence: code.slice(12) };
}

export function gridCode(communityCode: string, sequence: number): string {
  if (!/^\d{12}$/.test(communityCode)) throw new Error(`not a community code: ${communityCode}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999) throw new Error(`grid sequence out of range: ${sequence}`);
  return communityCode + String(sequence).padStart(3, '0');
}

/** 部件/事项类型: 5 digits = 2 major + 3 minor. */
export const TYPE_CODE = /^\d{2}\d{3}$/;
export const LOCAL_MINOR_MIN = 900; // minors 900–999 are kept for local extension types

export function isLocalTypeCode(code: string): boolean {
  return TYPE_CODE.test(code) && Number(code.slice(2)) >= LOCAL_MINOR_MIN;
}

export interface ComponentIdParts {
  division: string;  // 6
  typeCode: string;  // 5 = major 2 + minor 3
  major: string;
  minor: string;
  sequence: string;  // 6
}

/** 部件标识码: 17 digits = 6 division + 2 major + 3 minor + 6 sequence (GB/T 47678.5-2026). */
export function parseComponentId(id: string): ComponentIdParts | undefined {
  if (!/^\d{17}$/.test(id)) return undefined;
  const seq = id.slice(11);
  if (seq === '000000') return undefined;
  return { division: id.slice(0, 6), typeCode: id.slice(6, 11), major: id.slice(6, 8), minor: id.slice(8, 11), sequence: seq };
}

export function componentId(division: string, typeCode: string, sequence: number): string {
  if (!/^\d{6}$/.test(division)) throw new Error(`not a division code: ${division}`);
  if (!TYPE_CODE.test(typeCode)) throw new Error(`not a type code: ${typeCode}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new Error(`component sequence out of range: ${sequence}`);
  return division + typeCode + String(sequence).padStart(6, '0');
}

/** Legacy 16-digit id (6 + 2 + 2 + 6, GB/T 30428.2 / CJ/T 214). */
export function parseLegacyComponentId(id: string): { division: string; legacyType: string; sequence: string } | undefined {
  if (!/^\d{16}$/.test(id)) return undefined;
  return { division: id.slice(0, 6), legacyType: id.slice(6, 10), sequence: id.slice(10) };
}

/** 事项代码: 11 digits = 6 division + 5 type. Identifies a type within a district, not a case. */
export function matterCode(division: string, typeCode: string): string {
  if (!/^\d{6}$/.test(division) || !TYPE_CODE.test(typeCode)) throw new Error('bad matter code parts');
  return division + typeCode;
}

// 统一社会信用代码 (GB 32100-2015): 18 characters, last one a check character over the first 17.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// Its 9-17th characters are the organisation code (GB 11714), which has its own check character.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARS.indexOf(first17[i]);
    if (v < 0) return undefined;
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

export function orgCodeCheckChar(first8: string): string | undefined {
  if (!/^[0-9A-Z]{8}$/.test(first8)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i];
    const v = c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * Builds a valid credit code: registration authority + type (e.g. "11" 机关), a 6-digit division and an
 * 8-character organisation body; both check characters are computed.
 */
export function makeCreditCode(authorityAndType: string, division: string, orgBody: string): string {
  const org = orgBody + orgCodeCheckChar(orgBody);
  const first17 = authorityAndType + division + org;
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`cannot build credit code from ${first17}`);
  return first17 + check;
}
