// The portal's short list of public categories (what a citizen recognises), each mapped to a matter type of the
// catalogue (GB/T 47678.5). 违建举报 is the category `illegal_building` with its own details.
import type { PortalCategory } from './views.ts';

/** The portal shows the category without its catalogue type (GET /api/public/config). */
export interface PublicCategory extends PortalCategory { typeCode: string }

export const PUBLIC_CATEGORIES: readonly PublicCategory[] = [
  { key: 'garbage', name: '垃圾暴露', typeCode: '06010', hint: '路边、绿地里的垃圾未清运' },
  { key: 'road_dirty', name: '道路不洁', typeCode: '06012', hint: '路面污渍、油污、散落物' },
  { key: 'road_damage', name: '道路破损', typeCode: '06013', hint: '坑洼、塌陷、人行道砖松动' },
  { key: 'manhole', name: '井盖问题', typeCode: '01023', hint: '井盖缺失、破损、移位' },
  { key: 'street_light', name: '路灯不亮', typeCode: '01037', hint: '路灯不亮、白天亮灯、灯杆倾斜' },
  { key: 'toilet', name: '公厕问题', typeCode: '03001', hint: '公厕脏乱、设施损坏、未按时开放' },
  { key: 'ads', name: '小广告', typeCode: '07001', hint: '乱张贴、乱涂写、乱刻画' },
  { key: 'street_vending', name: '占道经营', typeCode: '09006', hint: '流动摊贩、店外经营' },
  { key: 'parking', name: '车辆乱停', typeCode: '09009', hint: '机动车占用人行道、消防通道' },
  { key: 'noise', name: '噪声扰民', typeCode: '06028', hint: '夜间噪声、高音喇叭' },
  { key: 'construction', name: '施工扰民', typeCode: '08001', hint: '夜间施工、工地扬尘' },
  { key: 'illegal_building', name: '违建举报', typeCode: '06001', hint: '私搭乱建、违法建设' },
];

export const ILLEGAL_BUILDING_STAGES: Record<string, string> = { in_progress: '正在建设', completed: '已建成' };

export function categoryByKey(key: string): PublicCategory | undefined {
  return PUBLIC_CATEGORIES.find((c) => c.key === key);
}
