import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { login, menuLabels, screenshot, startBrowserEnv, type BrowserEnv } from './harness.ts';

const BASE_DATA = ['基础数据', '行政区划', '单元网格', '管理部件', '部件事项目录', '部门', '责任网格', '权责清单'];
const EVALUATION = ['综合评价', '区域评价', '部门评价', '岗位评价', '评分设置', '城市管理指数', '分析研判', '三高分析', '同比环比', '案件预测', '焦点问题', '运行报告'];
const LIMITS = ['系统管理', '立结案标准', '工作日历'];
const MONITOR = ['运行监测', '告警中心', '监测设备', '视频智能识别', '设施监测', '防汛'];
const COMMAND = ['指挥协调', '案件列表', '案件登记', '店招服务'];
const ADMIN_MENUS = ['首页', '一张图', ...COMMAND, '大屏', ...MONITOR, ...BASE_DATA, '数据导入', ...EVALUATION,
  ...LIMITS, '流程配置', '地图设置', '用户', '12345 热线对接', 'API 密钥', '审计日志'];

const ROLES = [
  { username: 'admin', header: '测试admin · 管理员 · 云河市', menus: ADMIN_MENUS },
  { username: 'collector1', header: '测试collector1 · 监督员 · 中心区',
    menus: ['首页', '一张图', ...COMMAND, '大屏', ...BASE_DATA, ...LIMITS] },
  { username: 'acceptor1', header: '测试acceptor1 · 受理员 · 云河市',
    menus: ['首页', '一张图', ...COMMAND, '大屏', ...MONITOR, ...BASE_DATA, ...EVALUATION, ...LIMITS] },
  { username: 'leader1', header: '测试leader1 · 领导 · 云河市',
    menus: ['首页', '一张图', '指挥协调', '案件列表', '店招服务', '大屏', ...MONITOR, ...BASE_DATA, ...EVALUATION, ...LIMITS] },
  { username: 'handler1', header: '测试handler1 · 处置单位人员 · 云河市',
    menus: ['首页', '一张图', '指挥协调', '案件列表', '店招服务', '大屏', ...MONITOR, ...BASE_DATA, ...LIMITS] },
];

describe('web console: login and role-based layout', () => {
  let env: BrowserEnv;
  before(async () => { env = await startBrowserEnv(); });
  after(async () => { await env?.close(); });

  it('refuses a wrong password with the API\'s Chinese message and stays on the login page', async () => {
    const page = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.match(await error.innerText(), /用户名或密码错误/);
    assert.match(page.url(), /\/login$/);
    await screenshot(page, 'login-failed');
  });

  for (const role of ROLES) {
    it(`${role.username} sees name · role · scope in the header and only the menus the role may use`, async () => {
      const page = await env.newPage();
      await login(env, page, role.username);
      assert.equal((await page.getByTestId('who').innerText()).trim(), role.header);
      assert.deepEqual(await menuLabels(page), role.menus);
      await page.getByTestId('greeting').waitFor();
      // the home page shows real counts from the list endpoints once they arrive
      await page.locator('.ant-statistic-content-value').first().waitFor();
      await screenshot(page, `home-${role.username}`);
    });
  }

  it('guards pages the role may not open, and logs out', async () => {
    const page = await env.newPage();
    await login(env, page, 'collector1');
    await page.goto(`${env.baseUrl}/system/users`);
    await page.getByText('当前角色无权访问此页面').waitFor();
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${env.baseUrl}/base/grids`);
    await page.waitForURL(/\/login$/);
  });

  it('switches the console to English and back', async () => {
    const page = await env.newPage();
    await login(env, page, 'admin');
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByRole('button', { name: /Sign out/ }).waitFor();
    assert.ok((await menuLabels(page)).includes('City map'));
    await screenshot(page, 'home-admin-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByRole('button', { name: /退出登录/ }).waitFor();
  });

  it('reached nothing outside the test server and threw no page errors', () => {
    assert.deepEqual(env.external, []);
    assert.deepEqual(env.pageErrors, []);
  });
});
