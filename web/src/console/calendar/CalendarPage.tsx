import { DownloadOutlined, LeftOutlined, RightOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { download } from '../../shared/download';
import { errorMessage } from '../../shared/errors';
import { calendarKeys, fetchExport, fetchStatus, fetchYear } from './calendarApi';
import { DayModal } from './DayModal';
import { ImportCsvModal } from './ImportCsvModal';
import { YearGrid } from './YearGrid';
import './calendar.css';

/** 节假日日历: a year at a glance, click a day to edit, CSV import/export, and the coverage warning. */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const canEdit = user?.permissions.includes('calendar:edit') ?? false;
  const [year, setYear] = useState(() => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())));
  const [picked, setPicked] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const status = useQuery({ queryKey: calendarKeys.status, queryFn: fetchStatus });
  const days = useQuery({ queryKey: calendarKeys.year(year), queryFn: () => fetchYear(year) });
  const list = days.data?.days ?? [];

  const exportYear = async () => {
    try {
      download(await fetchExport(year), `holidays-${year}.csv`);
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('calendar.calendar.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('calendar.calendar.intro')}
      </Typography.Paragraph>
      {status.data?.warning ? (
        <Alert data-testid="calendar-coverage-warning" type="warning" showIcon message={i18n.language === 'en' ? status.data.warning.en : status.data.warning.zh} />
      ) : null}
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Space>
            <Button icon={<LeftOutlined />} aria-label={t('calendar.calendar.prevYear')} onClick={() => setYear(year - 1)} />
            <Typography.Title level={4} style={{ margin: 0, minWidth: 90, textAlign: 'center' }} data-testid="calendar-year">
              {t('calendar.calendar.year', { year })}
            </Typography.Title>
            <Button icon={<RightOutlined />} aria-label={t('calendar.calendar.nextYear')} onClick={() => setYear(year + 1)} />
          </Space>
          <Space wrap>
            <span className="wg-cal-legend">
              <i style={{ background: '#fde2e0' }} />
              {t('calendar.calendar.legend.holiday')}
            </span>
            <span className="wg-cal-legend">
              <i style={{ background: '#e0ecff' }} />
              {t('calendar.calendar.legend.workday')}
            </span>
            <span className="wg-cal-legend" style={{ color: '#bfbfbf' }}>
              {t('calendar.calendar.legend.weekend')}
            </span>
            {canEdit ? (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="calendar-import">
                {t('calendar.calendar.import')}
              </Button>
            ) : null}
            <Button icon={<DownloadOutlined />} onClick={exportYear}>
              {t('calendar.calendar.export')}
            </Button>
          </Space>
        </Flex>
        {days.data && !days.data.hasData ? <Alert style={{ marginBottom: 16 }} type="info" showIcon message={t('calendar.calendar.noData', { year })} /> : null}
        {days.data?.hasData ? (
          <Typography.Paragraph type="secondary">
            {t('calendar.calendar.counts', { holidays: list.filter((d) => d.kind === 'holiday').length, workdays: list.filter((d) => d.kind === 'workday').length })}
          </Typography.Paragraph>
        ) : null}
        <Spin spinning={days.isLoading}>
          <YearGrid year={year} days={list} onPick={setPicked} />
        </Spin>
      </Card>
      <DayModal date={picked} entry={list.find((d) => d.date === picked)} canEdit={canEdit} onClose={() => setPicked(null)} />
      <ImportCsvModal open={importing} onClose={() => setImporting(false)} />
    </Space>
  );
}
