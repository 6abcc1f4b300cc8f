// Where each of the 153 component types (GB/T 47678.5) stands in the demo city, and who owns (主管) and
// maintains (养护) it. Spacings are in metres along roads; offsets are metres left (+) / right (−) of the
// centre line. Departments are keys from departments.ts, or 'district:<key>' for the district's own
// bureau, or 'street' for the street office.
import type { LandmarkKind } from './landmarks.ts';
import type { RoadClass } from './roads.ts';

export type CrossingKind = 'MM' | 'MS' | 'SS' | 'B';

export type Placement =
  | { on: 'road'; classes: RoadClass[]; spacing: number; offsets: number[]; roads?: string[]; districts?: string[] }
  | { on: 'crossing'; kinds: CrossingKind[]; per: number; reach: [number, number] }
  | { on: 'landmark'; kinds: LandmarkKind[]; per: number; reach: [number, number] }
  | { on: 'park'; count: number }
  | { on: 'bank'; spacing: number; reach: [number, number]; fromColumn?: number }
  | { on: 'bridge'; per: number }
  | { on: 'anywhere'; count: number; districts?: string[] };

export interface TypePlan { code: string; owner: string; maintainer: string; places: Placement[] }

const CLASS: Record<string, RoadClass> = { M: '主干路', S: '次干路', B: '支路' };
const road = (classes: string, spacing: number, ...offsets: number[]): Placement =>
  ({ on: 'road', classes: [...classes].map((c) => CLASS[c]), spacing, offsets });
const along = (roads: string[], spacing: number, ...offsets: number[]): Placement =>
  ({ on: 'road', classes: ['主干路', '次干路', '支路'], spacing, offsets, roads });
const roadIn = (districts: string[], classes: string, spacing: number, ...offsets: number[]): Placement =>
  ({ ...(road(classes, spacing, ...offsets) as Extract<Placement, { on: 'road' }>), districts });
const cross = (kinds: string, per: number, reach: [number, number] = [8, 20]): Placement =>
  ({ on: 'crossing', kinds: kinds.split(',') as CrossingKind[], per, reach });
const near = (kinds: LandmarkKind[], per: number, reach: [number, number] = [12, 60]): Placement =>
  ({ on: 'landmark', kinds, per, reach });
const park = (count: number): Placement => ({ on: 'park', count });
const bank = (spacing: number, reach: [number, number], fromColumn?: number): Placement => ({ on: 'bank', spacing, reach, fromColumn });
const bridge = (per: number): Placement => ({ on: 'bridge', per });
const anywhere = (count: number, districts?: string[]): Placement => ({ on: 'anywhere', count, districts });

const HOMES: LandmarkKind[] = ['residential'];
const BUSY: LandmarkKind[] = ['mall', 'bus', 'hub'];
const PUBLIC: LandmarkKind[] = ['gov', 'office', 'street_office', 'mall', 'hospital', 'culture'];
const CENTRE = ['379902', '379903'];

// [type, owner, maintainer (same as owner when omitted), placements…]
const PLAN: readonly [string, string, string | null, ...Placement[]][] = [
  // 01 市政公用设施
  ['01001', 'gongshui', null, road('MS', 150, 4)],
  ['01002', 'paishui', null, road('MS', 150, -3)],
  ['01003', 'paishui', null, road('MS', 200, 7)],
  ['01004', 'paishui', null, road('MS', 320, -9, 9)],
  ['01005', 'dianli', null, road('M', 250, 11)],
  ['01006', 'shizheng', null, road('MS', 400, -13)],
  ['01007', 'tongxin', null, road('MS', 300, -11)],
  ['01008', 'guangdian', null, road('M', 500, 12)],
  ['01009', 'tongxin', null, road('M', 500, -12)],
  ['01010', 'reli', null, roadIn(CENTRE, 'M', 400, 5)],
  ['01011', 'ranqi', null, road('MS', 300, -5)],
  ['01012', 'gongan', null, road('M', 1000, 6)],
  ['01013', 'xiaofang', 'gongshui', road('MS', 300, 14)],
  ['01014', 'yuanlin', null, park(40)],
  ['01015', 'jiaojing', null, cross('MM,MS', 1, [6, 10])],
  ['01017', 'dianli', null, road('M', 800, -6)],
  ['01018', 'district:zhujian', 'street', near(HOMES, 1.5, [15, 70])],
  ['01019', 'gongshui', null, road('M', 1500, 3)],
  ['01020', 'gongjiao', null, near(['bus'], 0.3, [4, 10])],
  ['01021', 'ranqi', null, along(['南环路', '东环路'], 300, 8)],
  ['01022', 'shizheng', null, anywhere(30)],
  ['01023', 'shizheng', null, road('B', 5000, 3)],
  ['01024', 'shuili', null, anywhere(12)],
  ['01025', 'gongshui', null, near(HOMES, 0.4)],
  ['01026', 'paishui', null, road('B', 400, -4)],
  ['01027', 'tongxin', null, road('MS', 600, -16)],
  ['01028', 'dianli', null, near(HOMES, 0.3), anywhere(30)],
  ['01029', 'dianli', null, road('M', 800, -15)],
  ['01030', 'dianli', null, road('B', 100, 5)],
  ['01031', 'tongxin', null, road('B', 150, -5)],
  ['01032', 'gongjiao', null, near(['bus'], 1, [3, 8])],
  ['01033', 'shizheng', null, anywhere(20)],
  ['01034', 'shizheng', null, road('B', 5000, 6)],
  ['01035', 'street', null, near(['gov', 'school', 'street_office'], 1, [10, 30])],
  ['01036', 'ranqi', null, along(['南环路', '东环路'], 600, -14)],
  ['01037', 'shizheng', null, road('M', 120, -18, 18), road('S', 120, 15), road('B', 150, -6), bank(200, [8, 12])],
  ['01038', 'yuanlin', null, park(60)],
  ['01039', 'shizheng', null, park(60), bank(250, [6, 10])],
  ['01040', 'chengguan', 'district:chengguan', road('M', 2000, 20)],
  ['01041', 'tongxin', null, road('M', 3000, -20)],
  ['01042', 'youzheng', null, near(['gov', 'office', 'mall'], 0.5, [10, 30])],
  ['01043', 'chengguan', null, near(['mall', 'bus'], 0.2)],
  ['01044', 'shichang', 'district:chengguan', near(['park', 'mall'], 1)],
  ['01045', 'shichang', null, near(['school', 'hospital', 'mall', 'bus', 'hub'], 0.4, [5, 40])],
  ['01046', 'wenlv', 'street', near(HOMES, 0.8), park(20)],
  ['01047', 'dianli', null, along(['西环路', '北环路'], 300, 35, -35)],
  ['01048', 'dianli', null, near(HOMES, 1), road('M', 1500, -22)],
  ['01049', 'ranqi', null, near(HOMES, 1)],
  ['01050', 'gongan', null, cross('MM,MS', 2, [10, 18])],
  ['01051', 'gongan', null, near(BUSY, 0.2, [10, 30])],
  ['01052', 'yuanlin', null, park(20), bank(1000, [12, 18])],
  ['01053', 'dianli', null, near(['mall', 'office', 'gov'], 0.5, [5, 25])],
  ['01054', 'dianli', null, near(HOMES, 2, [20, 80]), near(['mall'], 4, [30, 80])],
  ['01055', 'paishui', null, road('B', 2000, -3)],
  ['01056', 'gongshui', null, bridge(1)],
  ['01057', 'ranqi', null, near(HOMES, 0.3)],
  ['01058', 'street', null, near(HOMES, 1)],
  ['01059', 'huanwei', 'district:chengguan', near(HOMES, 1)],
  ['01060', 'shizheng', null, road('MS', 1000, -20)],
  ['01061', 'reli', null, anywhere(15, CENTRE)],
  ['01062', 'tongxin', null, anywhere(120)],
  ['01063', 'gongshui', null, anywhere(5)],
  ['01064', 'zhujian', null, near(HOMES, 0.1, [20, 40]), near(['heritage'], 1, [10, 30])],
  ['01065', 'chengguan', 'district:chengguan', road('M', 1200, 19), near(HOMES, 0.5)],
  ['01066', 'gongan', null, park(15), near(['bus'], 0.15, [5, 15])],
  ['01067', 'shuili', null, bank(1500, [5, 10])],
  ['01068', 'xiaofang', null, anywhere(8)],
  ['01069', 'shuili', null, bank(700, [4, 8])],
  ['01070', 'shuili', null, bank(60, [3.5, 5])],
  ['01071', 'shuili', null, bank(300, [4, 6])],
  ['01072', 'paishui', null, bank(2500, [10, 20])],
  ['01073', 'paishui', null, bank(400, [3.5, 5])],
  ['01074', 'zhujian', null, along(['港城大道', '胜利路'], 200, -8)],
  ['01075', 'youzheng', null, near(HOMES, 1.5)],
  ['01076', 'shizheng', null, cross('MM', 0.05, [15, 25]), near(['hub'], 2, [10, 40])],
  ['01077', 'shizheng', null, roadIn(['379902'], 'M', 500, -17)],
  // 02 交通设施
  ['02001', 'jiaotong', null, near(['mall', 'hospital', 'park', 'hub', 'culture', 'office'], 1, [30, 90])],
  ['02002', 'jiaotong', null, near(['hospital', 'mall'], 0.4, [30, 90])],
  ['02003', 'jiaotong', null, road('S', 300, 9)],
  ['02004', 'gongjiao', null, near(['bus'], 1, [2, 6])],
  ['02005', 'jiaotong', null, near(['mall', 'hospital', 'hub'], 0.5, [15, 40])],
  ['02006', 'shizheng', null, cross('MM', 0.05, [25, 40]), near(['school'], 0.1, [30, 60])],
  ['02007', 'shizheng', null, cross('MM', 0.04, [20, 30])],
  ['02008', 'shizheng', null, cross('MM', 0.015, [20, 30])],
  ['02009', 'shizheng', null, bridge(1)],
  ['02010', 'jiaojing', null, road('MS', 250, 12), cross('B', 0.3)],
  ['02011', 'jiaojing', null, bridge(0.3), anywhere(5)],
  ['02012', 'minzheng', null, cross('MM,MS,SS,B', 1, [8, 15])],
  ['02013', 'minzheng', null, near(['residential', 'committee'], 0.5, [5, 20])],
  ['02014', 'jiaojing', null, cross('MM', 4, [10, 16]), cross('MS', 2, [8, 14])],
  ['02015', 'jiaojing', null, cross('MM,MS', 1, [12, 20])],
  ['02016', 'jiaojing', null, cross('MM', 0.08, [15, 25])],
  ['02017', 'jiaojing', null, road('M', 300, 1.5)],
  ['02018', 'jiaojing', null, cross('MM', 0.3, [5, 10]), bridge(1)],
  ['02019', 'shizheng', null, cross('MM', 0.25, [4, 8])],
  ['02020', 'shizheng', null, cross('MS,SS', 1, [6, 10])],
  ['02021', 'shizheng', 'district:chengguan', road('S', 300, 10)],
  ['02022', 'jiaojing', null, road('M', 400, -1.5)],
  ['02023', 'jiaojing', null, road('M', 12000, 13)],
  ['02024', 'shengtai', null, near(['school', 'hospital'], 0.2, [20, 40])],
  ['02025', 'chengguan', 'district:chengguan', near(['mall', 'bus', 'school', 'hub'], 0.6, [8, 30])],
  ['02026', 'jiaotong', null, near(['bus', 'park'], 0.4, [8, 30])],
  ['02027', 'chengguan', 'district:chengguan', near(HOMES, 0.8)],
  ['02028', 'jiaotong', null, near(['hub'], 1, [40, 80])],
  ['02029', 'shuili', null, bank(3000, [3.5, 4])],
  ['02030', 'shuili', null, bank(800, [4, 8])],
  ['02031', 'jiaotong', null, bank(400, [4, 10], 88)],
  ['02032', 'jiaotong', null, along(['人民路', '淮海路'], 900, -20)],
  ['02033', 'jiaojing', null, cross('B', 0.1, [6, 10])],
  ['02034', 'zhujian', null, near(['hospital', 'gov', 'office', 'mall', 'culture'], 1.5, [5, 25])],
  ['02035', 'yingji', null, near(['park', 'school', 'square'], 1, [10, 40])],
  ['02036', 'minzheng', null, anywhere(20)],
  ['02037', 'wenlv', null, near(['heritage'], 1.5, [5, 20])],
  ['02038', 'gongan', null, near(HOMES, 3, [10, 80])],
  ['02039', 'gongan', null, near(['police'], 2, [10, 60])],
  ['02040', 'wenlv', null, park(10), near(['heritage'], 1, [10, 30])],
  ['02041', 'jiaotong', null, near(['mall'], 1, [20, 50])],
  ['02042', 'jiaotong', null, near(['hub'], 0.67, [60, 120])],
  ['02043', 'jiaojing', null, road('B', 250, 2)],
  ['02044', 'jiaotong', null, anywhere(1, ['379904'])],
  // 03 市容环卫设施
  ['03001', 'huanwei', 'district:chengguan', park(8), near(BUSY, 0.25, [20, 60]), road('M', 2500, 21)],
  ['03002', 'huanwei', 'district:chengguan', road('M', 2500, -21), near(['bus'], 0.2, [5, 20])],
  ['03003', 'district:zhujian', 'street', near(HOMES, 1)],
  ['03004', 'huanwei', 'district:chengguan', near(HOMES, 1)],
  ['03005', 'huanwei', 'district:chengguan', road('MS', 300, -10, 10), park(30)],
  ['03006', 'chengguan', null, road('M', 300, 22)],
  ['03007', 'chengguan', 'district:chengguan', roadIn(CENTRE, 'M', 200, -24), near(['mall'], 10, [20, 80])],
  ['03008', 'chengguan', 'street', near(['residential', 'committee'], 1, [10, 40])],
  ['03009', 'qixiang', null, anywhere(6)],
  ['03010', 'shengtai', null, anywhere(10)],
  ['03011', 'shengtai', null, bank(2000, [6, 10])],
  ['03012', 'shengtai', null, bank(1500, [4, 6])],
  ['03013', 'shengtai', null, road('M', 12000, -19)],
  ['03014', 'huanwei', 'district:chengguan', road('S', 1500, -18)],
  ['03015', 'huanwei', null, park(20), near(HOMES, 0.3)],
  ['03016', 'huanwei', null, near(BUSY, 0.5, [5, 20])],
  // 04 园林绿化设施
  ['04001', 'yuanlin', null, park(15), anywhere(25, ['379902'])],
  ['04002', 'yuanlin', null, road('M', 75, -14, 14), road('S', 100, -11, 11)],
  ['04003', 'yuanlin', null, park(150), near(HOMES, 1)],
  ['04004', 'yuanlin', null, road('M', 500, -14.5)],
  ['04005', 'yuanlin', null, cross('MM', 1, [15, 25]), park(20)],
  ['04006', 'yuanlin', null, park(6), cross('MM', 0.1, [20, 30]), near(['culture'], 1, [20, 50])],
  ['04007', 'yuanlin', null, park(60), road('S', 800, -13)],
  ['04008', 'yuanlin', null, road('M', 300, 16)],
  ['04009', 'yuanlin', null, park(30)],
  ['04010', 'yuanlin', null, park(3), near(['mall'], 0.3, [20, 50])],
  ['04011', 'yuanlin', null, road('S', 200, -11.5)],
  ['04012', 'yuanlin', null, cross('MM', 0.3, [20, 35])],
  ['04013', 'yuanlin', null, park(12), anywhere(80)],
  ['04014', 'ziyuan', 'yuanlin', anywhere(10, ['379903', '379905'])],
  // 05 其他管理部件
  ['05002', 'district:zhujian', 'street', near(HOMES, 0.5)],
  ['05003', 'shichang', null, road('M', 10000, 25)],
  ['05009', 'wenlv', null, near(['heritage'], 1, [5, 15])],
];

export const COMPONENT_PLAN: readonly TypePlan[] = PLAN.map(([code, owner, maintainer, ...places]) =>
  ({ code, owner, maintainer: maintainer ?? owner, places }));
