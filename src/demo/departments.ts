// Departments (部门) of the demo city with valid 统一社会信用代码: city bureaus and public institutions,
// utility companies, each district's 城管局 and 住建局, and every street office (街道办事处).
import { makeCreditCode } from '../base/codes.ts';
import { CITY_CODE, CITY_NAME, DISTRICTS } from './names.ts';
import { Rng } from './random.ts';

export interface DepartmentDef {
  key: string;            // stable handle: handler usernames are handler_<key>
  name: string;
  short_name: string;
  category: string;
  level: 'city' | 'district' | 'street' | 'company';
  credit_code: string;
  parent: string | null;  // key of the parent department
  phone: string;
  /** the division it serves (department_regions) */
  region: string;
}

// key, name, short name, category, level, registration authority + type (11 机关, 12 事业单位, 91 企业)
const CITY_DEPARTMENTS: readonly [string, string, string, string, DepartmentDef['level'], string][] = [
  ['shizheng', '云河市市政设施管理处', '市政处', '市政', 'city', '12'],
  ['yuanlin', '云河市园林绿化管理中心', '园林中心', '园林', 'city', '12'],
  ['huanwei', '云河市环境卫生管理处', '环卫处', '环卫', 'city', '12'],
  ['gongshui', '云河水务集团有限公司', '水务集团', '供水', 'company', '91'],
  ['paishui', '云河市排水管理处', '排水处', '排水', 'city', '12'],
  ['ranqi', '云河燃气有限公司', '燃气公司', '燃气', 'company', '91'],
  ['dianli', '云河供电有限公司', '供电公司', '电力', 'company', '91'],
  ['tongxin', '云河通信有限公司', '通信公司', '通信', 'company', '91'],
  ['guangdian', '云河广电网络有限公司', '广电网络', '广电', 'company', '91'],
  ['reli', '云河热力有限公司', '热力公司', '热力', 'company', '91'],
  ['gongjiao', '云河公共交通集团有限公司', '公交集团', '公交', 'company', '91'],
  ['youzheng', '云河邮政有限公司', '邮政公司', '邮政', 'company', '91'],
  ['jiaojing', '云河市公安局交通警察支队', '交警支队', '交警', 'city', '11'],
  ['chengguan', '云河市城市管理局', '市城管局', '城管', 'city', '11'],
  ['zhujian', '云河市住房和城乡建设局', '市住建局', '住建', 'city', '11'],
  ['jiaotong', '云河市交通运输局', '市交通运输局', '交通运输', 'city', '11'],
  ['ziyuan', '云河市自然资源和规划局', '市资源规划局', '自然资源', 'city', '11'],
  ['shengtai', '云河市生态环境局', '市生态环境局', '生态环境', 'city', '11'],
  ['shichang', '云河市市场监督管理局', '市市场监管局', '市场监管', 'city', '11'],
  ['shuili', '云河市水利局', '市水利局', '水利', 'city', '11'],
  ['yingji', '云河市应急管理局', '市应急管理局', '应急管理', 'city', '11'],
  ['gongan', '云河市公安局', '市公安局', '公安', 'city', '11'],
  ['xiaofang', '云河市消防救援支队', '消防支队', '消防', 'city', '11'],
  ['wenlv', '云河市文化广电和旅游局', '市文广旅局', '文旅', 'city', '11'],
  ['qixiang', '云河市气象局', '市气象局', '气象', 'city', '12'],
  ['minzheng', '云河市民政局', '市民政局', '民政', 'city', '11'],
];

const DIGITS = '0123456789';
const ALNUM = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function buildDepartments(seed: number): DepartmentDef[] {
  const rng = new Rng(seed, 'departments');
  const used = new Set<string>();
  const credit = (type: string, division: string) => {
    for (;;) {
      // organisations registered since 2015 carry an "MA" body; older public bodies a numeric one
      const body = type === '91'
        ? 'MA' + Array.from({ length: 6 }, () => rng.pick([...ALNUM])).join('')
        : '0' + Array.from({ length: 7 }, () => rng.pick([...DIGITS])).join('');
      const code = makeCreditCode(type, division, body);
      if (!used.has(code)) { used.add(code); return code; }
    }
  };
  const phone = () => `0518-8${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
  const out: DepartmentDef[] = CITY_DEPARTMENTS.map(([key, name, short, category, level, type]) => ({
    key, name, short_name: short, category, level, credit_code: credit(type, CITY_CODE), parent: null,
    phone: phone(), region: CITY_CODE,
  }));
  for (const d of DISTRICTS) {
    out.push(
      { key: `${d.abbr}_chengguan`, name: `${d.name}城市管理局`, short_name: `${d.name}城管局`, category: '城管', level: 'district',
        credit_code: credit('11', d.code), parent: 'chengguan', phone: phone(), region: d.code },
      { key: `${d.abbr}_zhujian`, name: `${d.name}住房和城乡建设局`, short_name: `${d.name}住建局`, category: '住建', level: 'district',
        credit_code: credit('11', d.code), parent: 'zhujian', phone: phone(), region: d.code },
    );
    d.streets.forEach((street, s) => {
      out.push({
        key: streetOfficeKey(d.abbr, s + 1), name: `${CITY_NAME}${d.name}${street}办事处`, short_name: `${street}办事处`,
        category: '街道', level: 'street', credit_code: credit('11', d.code), parent: null, phone: phone(),
        region: d.code + String(s + 1).padStart(3, '0'),
      });
    });
  }
  return out;
}

export function streetOfficeKey(abbr: string, streetNumber: number): string {
  return `${abbr}_jd${String(streetNumber).padStart(2, '0')}`;
}
