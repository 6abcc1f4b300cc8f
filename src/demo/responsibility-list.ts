// The demo city's 权责清单: for every matter type, who leads (主办) and who assists (协办), and where.
// Component problems (majors 01–05) go to the component type's owner city-wide; street problems go to the
// district or street bodies that handle them in practice; a few 路长制 rules put main-road vending on the city bureau.
import { standardCatalog } from '../base/catalog.ts';
import { COMPONENT_PLAN } from './component-plan.ts';
import { streetOfficeKey } from './departments.ts';
import { CITY_CODE, DISTRICTS } from './names.ts';

export interface DemoRule {
  kind: 'component' | 'matter';
  type_code: string;
  division_code: string;
  road_name: string | null;
  department: string;          // department key
  role: 'lead' | 'assist';
  auto_dispatch: boolean;
  note: string | null;
}

/** Who handles a street-level matter: a city department key, or a district body ('district:chengguan'), or 'street'. */
const MATTER_HANDLERS: readonly [RegExp, string, string?][] = [
  [/交通标线|机动车乱停放|履带车|畜力车|违规设置停车场/, 'jiaojing'],
  [/垃圾|渣土|不洁|遗撒|焚烧|动物尸体|医疗废物|积雪/, 'huanwei', 'district:chengguan'],
  [/道路破损|路缘石|盲道|无障碍坡道|台阶|边坡|无证掘路/, 'shizheng'],
  [/绿地|绿化|病虫害|伐树|占绿|公园/, 'yuanlin'],
  [/堤岸|水域|河道|沙（河）滩/, 'shuili'],
  [/油烟|噪声|污水/, 'shengtai', 'district:chengguan'],
  [/架空线缆/, 'tongxin', 'dianli'],
  [/流浪乞讨/, 'minzheng', 'street'],
  [/消防通道/, 'xiaofang'],
  [/无证餐饮|农贸市场/, 'shichang', 'street'],
  [/非法出版物/, 'wenlv'],
  [/无证建设/, 'ziyuan', 'district:chengguan'],
  [/扬尘|施工|工地|预埋件|高空悬吊/, 'district:zhujian', 'district:chengguan'],
];

const MAJOR_DEFAULT: Record<string, [string, string?]> = {
  '06': ['district:chengguan', 'street'],
  '07': ['district:chengguan'],
  '08': ['district:zhujian'],
  '09': ['street', 'district:chengguan'],
  '10': ['street'],
};

// Companies whose ownership is unambiguous get 机器派单 for their component problems.
const AUTO_DISPATCH_OWNERS = new Set(['gongshui', 'ranqi', 'dianli', 'tongxin', 'guangdian', 'reli', 'gongjiao', 'youzheng']);

function expand(handler: string, type: string, role: 'lead' | 'assist', kind: 'component' | 'matter' = 'matter'): DemoRule[] {
  const rule = (division: string, department: string): DemoRule => ({
    kind, type_code: type, division_code: division, road_name: null, department, role, auto_dispatch: false, note: null,
  });
  if (handler.startsWith('district:')) {
    const body = handler.slice('district:'.length);
    return DISTRICTS.map((d) => rule(d.code, `${d.abbr}_${body}`));
  }
  if (handler === 'street') {
    return DISTRICTS.flatMap((d) => d.streets.map((_, s) => rule(d.code + String(s + 1).padStart(3, '0'), streetOfficeKey(d.abbr, s + 1))));
  }
  return [rule(CITY_CODE, handler)];
}

export function buildResponsibilityList(mainRoads: readonly string[]): DemoRule[] {
  const rules: DemoRule[] = [];
  // a component type's problems — reported on the component itself (部件) or as its 事项 (e.g. 供水井盖异常, same code)
  for (const plan of COMPONENT_PLAN) {
    for (const kind of ['component', 'matter'] as const) {
      // owners like 'district:zhujian' or 'street' mean the body of wherever the component stands
      for (const r of expand(plan.owner, plan.code, 'lead', kind)) {
        rules.push({ ...r, auto_dispatch: AUTO_DISPATCH_OWNERS.has(plan.owner), note: '部件问题由部件主管部门处置' });
      }
      if (plan.maintainer !== plan.owner) {
        for (const r of expand(plan.maintainer, plan.code, 'assist', kind)) rules.push({ ...r, note: '养护单位协办' });
      }
    }
  }
  for (const t of standardCatalog()) {
    if (t.kind !== 'matter' || Number(t.major_code) < 6) continue;
    const found = MATTER_HANDLERS.find(([re]) => re.test(t.name));
    const [lead, assist] = found ? [found[1], found[2]] : MAJOR_DEFAULT[t.major_code];
    rules.push(...expand(lead, t.code, 'lead'));
    if (assist) rules.push(...expand(assist, t.code, 'assist'));
  }
  // 路长制: vending on the main roads is the city bureau's, whichever district it is in
  for (const road of mainRoads) {
    rules.push({ kind: 'matter', type_code: '09006', division_code: CITY_CODE, road_name: road, department: 'chengguan', role: 'lead',
      auto_dispatch: false, note: '主干路占道经营由市城管局直管（路长制）' });
  }
  return rules;
}
