// 城市管理指数: a year's index of the city and its districts (five dimensions, ranking, indicator table with the cases
// behind platform figures), the indicator tree, 实地考察 scores and 问卷调查 results (forms and XLSX/CSV import), and the
// yearly 自评报告 as DOCX or PDF. Administrators (evaluation.manage) edit; everyone with evaluation.read looks.
import { Button, Card, Select, Space, Tabs, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n.tsx';
import EntryEditor from './city-index/EntryEditor.tsx';
import IndexResultView from './city-index/IndexResultView.tsx';
import TreeEditor from './city-index/TreeEditor.tsx';

const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

export default function CityIndexPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const editable = can('evaluation.manage');
  const [year, setYear] = useState(thisYear);
  const [version, setVersion] = useState(0);   // bumps after any change so the result reloads
  const changed = () => setVersion((v) => v + 1);
  const years = Array.from({ length: 6 }, (_, k) => thisYear() - k);
  return (
    <Card data-testid="city-index-page"
      title={<Space><Typography.Text strong>{t('menuEvaCityIndex')}</Typography.Text>
        <Select value={year} onChange={setYear} style={{ width: 110 }} data-testid="ci-year"
          options={years.map((y) => ({ value: y, label: t('ciYear', { y }) }))} /></Space>}
      extra={<Space>
        <Button icon={<FileWordOutlined />} href={`/api/city-index/${year}/report?format=docx`} data-testid="ci-report-docx">{t('ciReportDocx')}</Button>
        <Button icon={<FilePdfOutlined />} href={`/api/city-index/${year}/report?format=pdf`} data-testid="ci-report-pdf">{t('ciReportPdf')}</Button>
      </Space>}>
      <Tabs destroyOnHidden items={[
        { key: 'result', label: t('ciTabResult'), children: <IndexResultView year={year} version={version} /> },
        { key: 'tree', label: t('ciTabTree'), children: <TreeEditor year={year} editable={editable} onSaved={changed} /> },
        { key: 'inspection', label: t('ciTabInspection'), children: <EntryEditor year={year} kind="inspection" editable={editable} onSaved={changed} /> },
        { key: 'questionnaire', label: t('ciTabQuestionnaire'),
          children: <EntryEditor year={year} kind="questionnaire" editable={editable} onSaved={changed} /> },
      ]} />
    </Card>
  );
}
