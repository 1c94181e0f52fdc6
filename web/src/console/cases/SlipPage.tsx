import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Result, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import { errorMessage } from '../../shared/errors';
import { fetchCase } from './caseApi';
import { areaPath, formatTime } from './format';

/** The printable dispatch slip (交办单) of a dispatched case; printing hides everything but the paper. */
export default function SlipPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: ['case', id, i18n.language], queryFn: () => fetchCase(id) });
  const data = query.data;
  const back = () => navigate(`/console/cases/${id}`);

  if (query.isLoading) {
    return (
      <div className="wg-slip-page">
        <div className="wg-slip">
          <Skeleton active paragraph={{ rows: 12 }} />
        </div>
      </div>
    );
  }
  if (!data) {
    return <Result status="error" title={t('console.detail.loadFailed', { message: errorMessage(query.error, t) })} extra={<Button onClick={() => navigate('/console/cases')}>{t('console.detail.backToList')}</Button>} />;
  }
  const dispatch = [...data.timeline].reverse().find((e) => e.action === 'dispatch');
  const location = [areaPath(data) || data.territory.name, data.location.address].filter(Boolean).join(' · ');

  return (
    <div className="wg-slip-page">
      <div className="wg-slip-toolbar wg-no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {t('console.slip.back')}
        </Button>
        <Space>
          <LanguageSwitch />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!dispatch} data-testid="slip-print">
            {t('console.slip.print')}
          </Button>
        </Space>
      </div>
      {!dispatch ? (
        <div className="wg-slip" style={{ minHeight: 0 }}>
          <Alert type="warning" showIcon message={t('console.slip.notDispatched')} />
        </div>
      ) : (
        <div className="wg-slip" data-testid="slip">
          {/* The office of the dispatcher's territory, named by the server as on the 督办单. */}
          <div className="wg-slip-org" data-testid="slip-office">{data.dispatchOffice}</div>
          <h1>{t('console.slip.title')}</h1>
          <div className="wg-slip-meta">
            <span>
              {t('console.slip.number')}{t('common.colon')}{data.number}
            </span>
            <span>
              {t('console.slip.dispatchedAt')}{t('common.colon')}{formatTime(dispatch.at)}
            </span>
          </div>
          <table>
            <tbody>
              <tr>
                <th>{t('console.slip.category')}</th>
                <td>{data.category ? data.category.name : t('console.detail.uncategorised')}</td>
                <th>{t('console.slip.demandType')}</th>
                <td>
                  {t(`console.inbox.demandTypes.${data.demandType}`)} · {t(`console.inbox.colours.${data.colour}`)}
                </td>
              </tr>
              <tr>
                <th>{t('console.slip.location')}</th>
                <td colSpan={3}>
                  {location}
                  {data.grid ? `（${data.grid.name}）` : ''}
                </td>
              </tr>
              <tr>
                <th>{t('console.slip.description')}</th>
                <td colSpan={3} style={{ whiteSpace: 'pre-wrap', minHeight: 60 }}>
                  {data.description}
                </td>
              </tr>
              <tr>
                <th>{t('console.slip.assignee')}</th>
                <td colSpan={3}>{data.assignee?.name ?? ''}</td>
              </tr>
              <tr>
                <th>{t('console.slip.respondBy')}</th>
                <td>{formatTime(data.respondBy)}</td>
                <th>{t('console.slip.resolveBy')}</th>
                <td>{data.resolveBy ? formatTime(data.resolveBy) : t('console.detail.notSet')}</td>
              </tr>
              <tr>
                <th>{t('console.slip.note')}</th>
                <td colSpan={3} style={{ whiteSpace: 'pre-wrap' }}>
                  {dispatch.note ?? ''}
                </td>
              </tr>
              <tr className="wg-slip-tall">
                <th>{t('console.slip.result')}</th>
                <td colSpan={3} />
              </tr>
            </tbody>
          </table>
          <div className="wg-slip-signatures">
            <div>
              {t('console.slip.issuer')}{t('common.colon')}{dispatch.actor?.name ?? ''}
              <br />
              <br />
              {t('console.slip.date')}
            </div>
            <div>
              {t('console.slip.receiver')}{t('common.colon')}
              <br />
              <br />
              {t('console.slip.date')}
            </div>
          </div>
          <div className="wg-slip-foot">{t('console.slip.printedAt', { time: formatTime(new Date().toISOString()) })}</div>
        </div>
      )}
    </div>
  );
}
