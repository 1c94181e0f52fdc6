import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../../auth/session';
import { calendarKeys, fetchStatus } from './calendarApi';

/** The year the warning is about: the one after the last covered day (this year when nothing is covered). */
function missingYear(coveredUntil: string | null): number {
  return coveredUntil ? Number(coveredUntil.slice(0, 4)) + 1 : new Date().getFullYear();
}

const storageKey = (userId: string, year: number) => `wangge.calendarBanner.dismissed.${userId}.${year}`;

function isDismissed(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

/**
 * For admins, on every console page: the holiday calendar lacks data for some of the next 60 days.
 * One compact line (the full text on hover); each admin may dismiss it for that year, on this browser.
 */
export function CoverageBanner() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { data } = useQuery({ queryKey: calendarKeys.status, queryFn: fetchStatus, staleTime: 10 * 60_000 });
  const [dismissedNow, setDismissedNow] = useState<string | null>(null);
  // The calendar page shows the same warning itself.
  if (!data?.warning || !user || location.pathname.startsWith('/console/calendar')) return null;
  const key = storageKey(user.id, missingYear(data.coveredUntil));
  if (dismissedNow === key || isDismissed(key)) return null;
  const text = i18n.language === 'en' ? data.warning.en : data.warning.zh;
  return (
    <Alert
      data-testid="calendar-coverage-banner"
      type="warning"
      showIcon
      closable={{ 'aria-label': t('calendar.banner.dismiss') }}
      onClose={() => {
        try {
          localStorage.setItem(key, '1');
        } catch {
          // Private mode: dismissed for this visit only.
        }
        setDismissedNow(key);
      }}
      style={{ marginBottom: 12, padding: '4px 12px' }}
      message={
        <Tooltip title={text}>
          <span className="wg-banner-line">
            <strong>{t('calendar.banner.title')}</strong>
            {t('common.colon')}
            {text}
          </span>
        </Tooltip>
      }
      action={
        <Button size="small" type="link" onClick={() => navigate('/console/calendar')}>
          {t('calendar.banner.action')}
        </Button>
      }
    />
  );
}
