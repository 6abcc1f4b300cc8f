// 视频智能识别: the review queue, recent events with their outcome, cameras, and the detection classes' settings.
import { Card, Tabs } from 'antd';
import { useI18n } from '../../i18n.tsx';
import CamerasPanel from './CamerasPanel.tsx';
import VideoClassesPanel from './VideoClassesPanel.tsx';
import VideoEvents from './VideoEvents.tsx';

export default function VideoPage() {
  const { t } = useI18n();
  return (
    <Card title={t('menuMonVideo')}>
      <Tabs destroyOnHidden items={[
        { key: 'review', label: <span data-testid="tab-review">{t('monVidReviewQueue')}</span>, children: <VideoEvents review /> },
        { key: 'events', label: <span data-testid="tab-events">{t('monVidRecent')}</span>, children: <VideoEvents review={false} /> },
        { key: 'cameras', label: <span data-testid="tab-cameras">{t('monVidCameras')}</span>, children: <CamerasPanel /> },
        { key: 'classes', label: <span data-testid="tab-classes">{t('monVidClasses')}</span>, children: <VideoClassesPanel /> },
      ]} />
    </Card>
  );
}
