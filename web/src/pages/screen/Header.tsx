// The screen's title bar: the day shown (a past day is marked), the live state and a running clock (China time).
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n.tsx';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** 'YYYY-MM-DD', 'HH:mm:ss' and the weekday (0 Sunday) of an instant in China time. */
function chinaClock(now: number) {
  const d = new Date(now + CHINA_OFFSET_MS);
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19), weekday: d.getUTCDay() };
}

function Clock() {
  const { t } = useI18n();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const c = chinaClock(now);
  return (
    <div className="scr-clock" data-testid="screen-clock">
      <span className="scr-clock-time">{c.time}</span>
      <span className="scr-clock-date">{c.date}<br />{t('screenWeekdays').split(',')[c.weekday]}</span>
    </div>
  );
}

export default function Header({ date, today, live, updatedAt }: { date?: string; today: boolean; live: boolean; updatedAt?: Date }) {
  const { t } = useI18n();
  return (
    <header className="scr-header">
      <div className="scr-header-side">
        {date && !today && <span className="scr-tag scr-tag-history" data-testid="screen-history">{t('screenHistoryDay')} {date}</span>}
        <span className={`scr-tag ${live ? 'scr-tag-live' : 'scr-tag-off'}`} data-testid="screen-live">
          <i className="scr-dot" />{live ? t('screenLive') : t('screenOffline')}
        </span>
        {updatedAt && <span className="scr-updated">{t('screenUpdated', { time: chinaClock(+updatedAt).time })}</span>}
      </div>
      <h1 className="scr-title">{t('screenTitle')}</h1>
      <div className="scr-header-side scr-header-right"><Clock /></div>
    </header>
  );
}
