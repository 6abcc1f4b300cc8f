// Twelve month grids of one year (weeks start on Monday): 法定节假日 in red (休), 调休 working days in blue (班),
// ordinary weekends in grey. With onDayClick the days are buttons (the administrator's editor).
import type { CSSProperties } from 'react';
import { Tooltip } from 'antd';
import { useI18n } from '../../i18n.tsx';

export interface CalendarDay { date: string; working: boolean; name: string | null }

const pad = (n: number) => String(n).padStart(2, '0');

function Month({ year, month, days, onDayClick }: { year: number; month: number; days: Map<string, CalendarDay>; onDayClick?(date: string): void }) {
  const { t } = useI18n();
  const first = new Date(Date.UTC(year, month, 1));
  const count = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [...Array(offset).fill(null), ...Array.from({ length: count }, (_, i) => i + 1)];
  const weekdays = t('setWeekdays').split(',');
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('setMonth', { m: month + 1 })}</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12, textAlign: 'center' }}>
        {weekdays.map((w) => <div key={w} style={{ color: '#8c8c8c' }}>{w}</div>)}
        {cells.map((d, i) => {
          if (d === null) return <div key={`e${i}`} />;
          const date = `${year}-${pad(month + 1)}-${pad(d)}`;
          const special = days.get(date);
          const weekend = i % 7 >= 5;
          const style: CSSProperties = { borderRadius: 4, padding: '2px 0', position: 'relative', lineHeight: '18px',
            cursor: onDayClick ? 'pointer' : 'default', color: weekend ? '#8c8c8c' : undefined };
          let mark = '';
          if (special && !special.working) { Object.assign(style, { background: '#fff1f0', color: '#cf1322' }); mark = t('setRestMark'); }
          if (special?.working) { Object.assign(style, { background: '#e6f4ff', color: '#0958d9' }); mark = t('setWorkMark'); }
          const cell = (
            <div style={style} data-testid={`day-${date}`} data-kind={special ? (special.working ? 'workday' : 'holiday') : 'ordinary'}
              onClick={onDayClick ? () => onDayClick(date) : undefined}>
              {d}
              {mark && <span style={{ position: 'absolute', top: -3, right: 1, fontSize: 9 }}>{mark}</span>}
            </div>
          );
          return special?.name ? <Tooltip key={date} title={`${date} ${special.name}`}>{cell}</Tooltip> : <div key={date}>{cell}</div>;
        })}
      </div>
    </div>
  );
}

export default function YearCalendar({ year, days, onDayClick }: { year: number; days: CalendarDay[]; onDayClick?(date: string): void }) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 12 }} data-testid="year-calendar">
      {Array.from({ length: 12 }, (_, m) => <Month key={m} year={year} month={m} days={byDate} onDayClick={onDayClick} />)}
    </div>
  );
}
