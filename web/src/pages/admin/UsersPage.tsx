// 用户: list within the admin's scope (phones masked as the API returns them), create, edit, reset password.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api.ts';
import type { UserView } from '../../auth.tsx';
import PagedTable from '../../components/PagedTable.tsx';
import RegionPicker from '../../components/RegionPicker.tsx';
import { formatTime } from '../../format.ts';
import { useLoad, usePagedList } from '../../hooks.ts';
import { useI18n } from '../../i18n.tsx';
import type { Department } from '../../types.ts';

interface RoleInfo { role: string; name: string; permissions: string[] }
type Filters = { role?: string; q?: string };

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  role: string;
  regionCode?: string | null;
  departmentId?: number | null;
  phone?: string;
  active?: boolean;
}

function useRefData() {
  const roles = useLoad(() => api.get<RoleInfo[]>('/api/roles'), []);
  const departments = useLoad(() => api.get<Department[]>('/api/departments'), []);
  return {
    roleOptions: (roles.data ?? []).map((r) => ({ value: r.role, label: r.name })),
    departmentOptions: (departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
  };
}

function UserModal({ user, open, onClose, onSaved }: { user: UserView | null; open: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserForm>();
  const [busy, setBusy] = useState(false);
  const { roleOptions, departmentOptions } = useRefData();
  const editing = !!user;

  async function submit() {
    const v = await form.validateFields();
    const body = {
      displayName: v.displayName.trim(), role: v.role, regionCode: v.regionCode || null,
      departmentId: v.departmentId ?? null, phone: v.phone?.trim() || null,
    };
    setBusy(true);
    try {
      if (editing) {
        await api.patch(`/api/users/${user.id}`, { ...body, active: v.active,
          // a masked phone comes back as shown; only send it when it was changed
          phone: v.phone === user.phone ? undefined : body.phone });
        message.success(t('saved'));
      } else {
        await api.post('/api/users', { ...body, username: v.username.trim(), password: v.password });
        message.success(t('userCreated'));
      }
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={editing ? t('editUser') : t('newUser')} onCancel={onClose} onOk={submit} confirmLoading={busy}
      destroyOnHidden okText={t('save')} cancelText={t('cancel')}>
      <Form form={form} layout="vertical" preserve={false} data-testid="user-form"
        initialValues={user ? { ...user } : { role: 'collector' }}>
        <Form.Item name="username" label={t('username')} rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,64}$/ }]}>
          <Input disabled={editing} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, whitespace: true, max: 64 }]}>
          <Input />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label={t('password')} extra={t('passwordHint')} rules={[{ required: true, min: 8, max: 128 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('role')} rules={[{ required: true }]}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('region')}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="departmentId" label={t('department')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} />
        </Form.Item>
        <Form.Item name="phone" label={t('mobile')}><Input /></Form.Item>
        {editing && <Form.Item name="active" label={t('active')} valuePropName="checked"><Switch /></Form.Item>}
      </Form>
    </Modal>
  );
}

function PasswordModal({ user, onClose }: { user: UserView | null; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  async function submit() {
    const { password } = await form.validateFields();
    setBusy(true);
    try {
      await api.post(`/api/users/${user!.id}/password`, { password });
      message.success(t('passwordReset'));
      onClose();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={!!user} title={`${t('resetPassword')}：${user?.displayName ?? ''}`} onCancel={onClose} onOk={submit}
      confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="password" label={t('newPassword')} extra={t('passwordHint')} rules={[{ required: true, min: 8, max: 128 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const { t } = useI18n();
  const list = usePagedList<UserView, Filters>('/api/users', {});
  const roles = useLoad(() => api.get<RoleInfo[]>('/api/roles'), []);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);

  return (
    <Card title={t('menuUsers')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('newUser')}</Button>}>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v: Filters) => list.setFilters({ role: v.role || undefined, q: v.q?.trim() || undefined })}>
        <Form.Item name="role" label={t('role')}>
          <Select allowClear style={{ width: 150 }} options={(roles.data ?? []).map((r) => ({ value: r.role, label: r.name }))} />
        </Form.Item>
        <Form.Item name="q" label={t('search')}><Input allowClear style={{ width: 200 }} placeholder={`${t('username')} / ${t('displayName')}`} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('search')}</Button></Form.Item>
      </Form>
      <PagedTable<UserView> list={list} rowKey="id" columns={[
        { title: t('username'), dataIndex: 'username' },
        { title: t('displayName'), dataIndex: 'displayName' },
        { title: t('role'), dataIndex: 'roleName' },
        { title: t('region'), dataIndex: 'regionName', render: (n: string | null, u) => n ?? u.regionCode ?? '-' },
        { title: t('department'), dataIndex: 'departmentName', render: (n: string | null) => n ?? '-' },
        { title: t('mobile'), dataIndex: 'phone', render: (p: string | null) => p ?? '-' },
        { title: t('status'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('enabled')}</Tag> : <Tag>{t('disabled')}</Tag>) },
        { title: t('createdAt'), dataIndex: 'createdAt', render: formatTime },
        { title: t('actions'), key: 'actions', render: (_, u) => (
          <Space>
            <a onClick={() => setEditing(u)}>{t('edit')}</a>
            <a onClick={() => setResetting(u)}>{t('resetPassword')}</a>
          </Space>
        ) },
      ]} />
      <UserModal key={editing?.id ?? (creating ? 'new' : 'none')} user={editing} open={creating || !!editing}
        onClose={() => { setCreating(false); setEditing(null); }}
        onSaved={() => { setCreating(false); setEditing(null); list.reload(); }} />
      <PasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
