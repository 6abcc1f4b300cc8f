// 案件动态: the latest steps of the case timeline, newest first; new entries flash in, and a long list scrolls slowly.
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n.tsx';
import type { FeedItem } from '../../../../src/screen/views.ts';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const timeOf = (at: string, withDate: boolean) => {
  const iso = new Date(+new Date(at) + CHINA_OFFSET_MS).toISOString();
  return withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 19);
};

const STAGE_CLASS: Record<string, string> = { closed: 'done', voided: 'off', rejected: 'off', merged: 'off' };

export default function Feed({ items, showDate }: { items: FeedItem[]; showDate: boolean }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const seen = useRef<Set<number> | null>(null);
  const fresh = new Set<number>();
  if (seen.current) for (const i of items) if (!seen.current.has(i.id)) fresh.add(i.id);

  useEffect(() => {
    seen.current = new Set(items.map((i) => i.id));
    box.current?.scrollTo({ top: 0 });
  }, [items]);

  // one row every 3 s while the list is longer than the panel, back to the top at the end
  useEffect(() => {
    const timer = setInterval(() => {
      const el = box.current;
      if (!el || el.scrollHeight <= el.clientHeight) return;
      const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
      el.scrollTo({ top: atEnd ? 0 : el.scrollTop + 46, behavior: atEnd ? 'auto' : 'smooth' });
    }, 3000);
    return () => clearInterval(timer);
  }, []);

  if (items.length === 0) return <div className="scr-empty">{t('screenFeedEmpty')}</div>;
  return (
    <div className="scr-feed" ref={box} data-testid="screen-feed">
      {items.map((i) => (
        <div key={i.id} className={`scr-feed-row${fresh.has(i.id) ? ' scr-feed-new' : ''}`} data-testid="screen-feed-row">
          <span className="scr-feed-time">{timeOf(i.at, showDate)}</span>
          <span className="scr-feed-main">
            <span className="scr-feed-no">{i.caseNo}{i.urgent && <em className="scr-urgent">{t('screenUrgent')}</em>}</span>
            <span className="scr-feed-type">{i.districtName} · {i.typeName}</span>
          </span>
          <span className="scr-feed-step">
            <span className={`scr-feed-action scr-stage-${STAGE_CLASS[i.stage] ?? 'open'}`}>{i.actionName}</span>
            <span className="scr-feed-stage">{i.stageName}</span>
          </span>
        </div>
      ))}
    </div>
  );
}
