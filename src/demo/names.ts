// Names used by the demo city. All places are fictional; the words are common Chinese place-name words.

export interface DistrictDef {
  code: string;
  name: string;
  /** short latin tag used in usernames: collector_zx01, admin_zx … */
  abbr: string;
  /** bank of the river the district lies on, and whether it is the western half */
  side: 'N' | 'S';
  west: boolean;
  streets: readonly string[];      // 5 street names (街道), in code order 001…005
  communities: readonly string[];  // 20 community names (社区), 4 per street in code order
}

export const CITY_CODE = '379900';
export const CITY_NAME = '云河市';

export const DISTRICTS: readonly DistrictDef[] = [
  {
    code: '379902', name: '中心区', abbr: 'zx', side: 'N', west: true,
    streets: ['人民街道', '解放街道', '新华街道', '朝阳街道', '海昌街道'],
    communities: [
      '幸福社区', '和平社区', '友谊社区', '团结社区', '光明社区', '胜利社区', '建设社区', '文化社区',
      '繁荣社区', '振兴社区', '康乐社区', '安居社区', '春晖社区', '秀水社区', '翠园社区', '桂苑社区',
      '兰亭社区', '松鹤社区', '柳岸社区', '荷花社区',
    ],
  },
  {
    code: '379903', name: '河东区', abbr: 'hd', side: 'N', west: false,
    streets: ['东城街道', '河滨街道', '云台街道', '凤凰街道', '望海街道'],
    communities: [
      '金湾社区', '银河社区', '明珠社区', '紫荆社区', '丹桂社区', '碧波社区', '滨江社区', '望湖社区',
      '锦绣社区', '华府社区', '新村社区', '北园社区', '南苑社区', '东苑社区', '西苑社区', '长青社区',
      '永安社区', '福寿社区', '惠民社区', '育才社区',
    ],
  },
  {
    code: '379904', name: '新城区', abbr: 'xc', side: 'S', west: true,
    streets: ['新城街道', '科教街道', '创业街道', '锦屏街道', '玉带街道'],
    communities: [
      '学府社区', '书香社区', '盛世社区', '嘉禾社区', '丰收社区', '东风社区', '红星社区', '向阳社区',
      '曙光社区', '朝霞社区', '彩虹社区', '星河社区', '月湾社区', '云帆社区', '青松社区', '翠竹社区',
      '梅园社区', '菊园社区', '樱花社区', '梧桐社区',
    ],
  },
  {
    code: '379905', name: '港湾区', abbr: 'gw', side: 'S', west: false,
    streets: ['港湾街道', '海滨街道', '金港街道', '银滩街道', '渔湾街道'],
    communities: [
      '海韵社区', '港城社区', '渔港社区', '盐河社区', '新港社区', '凤鸣社区', '龙湾社区', '银杏社区',
      '香樟社区', '枫林社区', '杏坛社区', '怡景社区', '晨曦社区', '鸿福社区', '瑞祥社区', '吉庆社区',
      '如意社区', '祥和社区', '安泰社区', '宁康社区',
    ],
  },
];

// Roads on the lattice lines. Main roads (主干路) every 8 cells, secondary (次干路) half-way between.
/** North–south main roads, west → east (lattice columns 0, 8, …, 104). */
export const MAIN_NS = ['西环路', '郁州路', '海昌路', '解放路', '人民路', '中山路', '建设路', '朝阳路', '新华路',
  '振兴路', '光明路', '港城大道', '滨海大道', '东环路'];
/** East–west main roads, south → north (lattice rows 0, 8, …, 88). */
export const MAIN_EW = ['南环路', '长江路', '黄河路', '淮海路', '胜利路', '和平路', '幸福路', '团结路', '友谊路',
  '文化路', '苍梧路', '北环路'];
/** North–south secondary roads, west → east (columns 4, 12, …, 100). */
export const SECONDARY_NS = ['青年路', '工农路', '红旗路', '民主路', '文明路', '新民路', '育才路', '学府路', '科教路',
  '创新路', '兴业路', '富民路', '东盛路'];
/** East–west secondary roads, south → north (rows 4, 12, …, 84; the one in the river is left out). */
export const SECONDARY_EW = ['瀛洲路', '凤凰路', '锦屏路', '玉带路', '盐河路', '云台路', '海宁路', '望海路', '金桥路',
  '龙湖路'];
export const RIVERSIDE = { north: '滨河北路', south: '滨河南路' };

/** Words for branch roads (支路) and residential compounds; combined with suffixes, never reused. */
export const PLACE_WORDS = [
  '桂花', '梧桐', '玉兰', '海棠', '紫薇', '石榴', '银杏', '香樟', '枫林', '杏林', '樱花', '茉莉', '牡丹', '芙蓉',
  '丁香', '月季', '兰亭', '竹园', '松林', '柳岸', '荷塘', '菱湖', '芦花', '桃源', '梨园', '枣林', '桑园', '茶亭',
  '文昌', '崇文', '尚德', '明德', '惠民', '安康', '永宁', '兴隆', '聚福', '长乐', '太平', '万寿', '吉祥', '如意',
  '金沙', '银湖', '玉泉', '青石', '白鹭', '黄鹂', '翠屏', '丹霞', '紫阳', '红枫', '碧桂', '绿洲', '蓝湾', '彩霞',
  '东湖', '西园', '南塘', '北苑', '中和', '上元', '下河', '前进', '后营', '左岸', '右堤', '新桥', '老街', '古井',
  '仓前', '盐仓', '渔市', '船厂', '码头', '灯塔', '海门', '潮音', '浪花', '帆影', '沙洲', '滩涂', '礁石', '港口',
  '书院', '学堂', '琴台', '棋盘', '画廊', '诗韵', '墨香', '笔峰', '砚池', '鼓楼', '钟楼', '城隍', '府前', '县后',
  '米市', '布市', '油坊', '酱园', '磨坊', '窑湾', '铁匠', '木器', '瓷器', '丝绸', '织锦', '绣球', '花园', '果园',
  '菜园', '药王', '百草', '灵芝', '仙鹤', '凤栖', '龙腾', '虎踞', '麒麟', '锦鲤', '鸳鸯', '喜鹊', '燕归', '雁鸣',
  '晨光', '晚霞', '星光', '月华', '云梦', '雨亭', '雪松', '春风', '夏荷', '秋实', '冬青', '和风', '清泉', '长虹',
];
export const BRANCH_SUFFIXES = ['路', '街', '巷'];
export const COMPOUND_SUFFIXES = ['家园', '花园', '小区', '苑', '公寓', '新村', '名都', '华庭', '雅居', '嘉园'];

export const MALLS = ['云河购物中心', '中心百货大楼', '河东商业广场', '新城天街', '港湾海港城', '时代广场', '金鼎国际广场',
  '锦绣商城', '东方商厦', '海韵购物公园', '云台商业街', '凤凰新天地', '望海购物中心', '星河广场', '明珠商厦'];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何',
  '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧', '程', '曹', '袁', '邓', '许', '傅'];
export const GIVEN_CHARS = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明',
  '超', '秀', '霞', '平', '刚', '桂', '文', '华', '建', '国', '海', '燕', '玲', '红', '鹏', '辉', '宇', '晨', '欣', '浩'];
