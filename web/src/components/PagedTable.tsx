// antd tables over the API's lists: server-paginated ({ total, items }) or answered whole (arrays).
import { Alert, Table, type TableProps } from 'antd';
import type { FilteredList, PagedList } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';

interface Props<T extends object> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> {
  list: PagedList<T, any>;
}

export default function PagedTable<T extends object>({ list, ...rest }: Props<T>) {
  const { t } = useI18n();
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<T>
        size="middle"
        scroll={{ x: 'max-content' }}
        {...rest}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          current: list.page, pageSize: list.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('total', { n }), onChange: list.setPage,
        }}
      />
    </>
  );
}

/** The same table over a list the server answers whole (paged in the browser). */
export function ListTable<T extends object>({ list, ...rest }: Omit<TableProps<T>, 'dataSource' | 'loading'> & { list: FilteredList<T, any> }) {
  const { t } = useI18n();
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<T>
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('total', { n }) }}
        {...rest}
        dataSource={list.data ?? []}
        loading={list.loading}
      />
    </>
  );
}
