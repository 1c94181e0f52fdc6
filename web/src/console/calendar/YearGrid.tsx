import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { weekdayIndex, type CalendarDay } from './calendarApi';

const pad = (n: number) => String(n).padStart(2, '0');

/** One month as a Monday-first grid; holidays red (休), make-up working days blue (班), weekends grey. */
function MonthGrid({ year, month, byDate, onPick }: { year: number; month: number; byDate: Map<string, CalendarDay>; onPick: (date: string) => void }) {
  const { t, i18n } = useTranslation();
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const first = weekdayIndex(`${year}-${pad(month)}-01`);
  const cells: Array<string | null> = [...Array<null>(first).fill(null), ...Array.from({ length: days }, (_, i) => `${year}-${pad(month)}-${pad(i + 1)}`)];
  const weekdays = t('calendar.calendar.weekdays', { returnObjects: true }) as string[];
  return (
    <div className="wg-cal-month" data-testid={`month-${month}`}>
      <div className="wg-cal-month-title">{t('calendar.calendar.month', { month })}</div>
      <div className="wg-cal-grid">
        {weekdays.map((w) => (
          <div key={w} className="wg-cal-weekday">
            {w}
          </div>
        ))}
        {cells.map((date, i) => {
          if (!date) return <div key={`blank-${i}`} />;
          const entry = byDate.get(date);
          const weekend = weekdayIndex(date) >= 5;
          const className = ['wg-cal-day', entry ? `wg-cal-${entry.kind}` : weekend ? 'wg-cal-weekend' : ''].join(' ');
          const name = entry ? (i18n.language === 'en' && entry.nameEn ? entry.nameEn : entry.nameZh) : undefined;
          const cell = (
            <button type="button" key={date} className={className} data-date={date} onClick={() => onPick(date)}>
              <span>{Number(date.slice(8))}</span>
              {entry ? <span className="wg-cal-mark">{entry.kind === 'holiday' ? '休' : '班'}</span> : null}
            </button>
          );
          return name ? (
            <Tooltip key={date} title={name}>
              {cell}
            </Tooltip>
          ) : (
            cell
          );
        })}
      </div>
    </div>
  );
}

/** Twelve months of one year. */
export function YearGrid({ year, days, onPick }: { year: number; days: CalendarDay[]; onPick: (date: string) => void }) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return (
    <div className="wg-cal-year">
      {Array.from({ length: 12 }, (_, i) => (
        <MonthGrid key={i} year={year} month={i + 1} byDate={byDate} onPick={onPick} />
      ))}
    </div>
  );
}
