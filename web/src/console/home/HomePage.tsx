import { AlertOutlined, ClockCircleOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Card, Col, Empty, List, Row, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import { fetchAllCases, type CaseFilters } from '../cases/caseApi';
import { useCaseAbilities } from '../../shared/cases/useCaseAbilities';
import { useCaseStatuses } from '../../shared/cases/useCaseStatuses';
import { ColourTag, currentDeadline, formatTime, StatusTag, type CaseSummary } from '../cases/format';

const day = 24 * 60 * 60 * 1000;
const shown = 8;

function byNewest(a: CaseSummary, b: CaseSummary) {
  return b.createdAt.localeCompare(a.createdAt);
}

function CaseRow({ item, extra }: { item: CaseSummary; extra?: ReactNode }) {
  return (
    <List.Item style={{ paddingInline: 0 }}>
      <div style={{ minWidth: 0, width: '100%' }}>
        <Space size={6} wrap>
          <Link to={`/console/cases/${item.id}`} className="wg-nowrap">
            {item.number}
          </Link>
          <ColourTag colour={item.colour} />
          <StatusTag status={item.status} label={item.statusLabel} />
        </Space>
        <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: '4px 0 0' }} title={item.description}>
          {item.description}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.grid?.name ?? item.territory.name}
          {extra ? <> · {extra}</> : null}
        </Typography.Text>
      </div>
    </List.Item>
  );
}

function CaseCard(props: { title: string; hint: string; icon: ReactNode; items: CaseSummary[] | undefined; loading: boolean; error: unknown; link: string; extra?: (c: CaseSummary) => ReactNode; testId: string }) {
  const { t } = useTranslation();
  const { items, loading, error } = props;
  return (
    <Card
      data-testid={props.testId}
      title={
        <Space>
          {props.icon}
          {props.title}
          {items && <Badge count={items.length} overflowCount={999} showZero color={items.length ? undefined : '#bbb'} />}
        </Space>
      }
      extra={<Link to={props.link}>{t('console.home.viewAll')}</Link>}
      style={{ height: '100%' }}
      styles={{ body: { paddingTop: 4 } }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {props.hint}
      </Typography.Text>
      {loading ? (
        <Skeleton active paragraph={{ rows: 5 }} style={{ marginTop: 12 }} />
      ) : error ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} message={t('console.home.loadFailed', { message: errorMessage(error, t) })} />
      ) : !items?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('console.home.empty')} />
      ) : (
        <>
          <List dataSource={items.slice(0, shown)} rowKey="id" renderItem={(item) => <CaseRow item={item} extra={props.extra?.(item)} />} />
          {items.length > shown && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Link to={props.link}>{t('console.home.more')}</Link>
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}

function inboxLink(filters: CaseFilters): string {
  return `/console/cases?filters=${encodeURIComponent(JSON.stringify(filters))}`;
}

/** The console home: what waits for me, what falls due within a day, what is overdue. */
export default function HomePage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const lang = i18n.language;
  // Who holds cases (待我处理) and who dispatches comes from the server's case policy; "open" from its state machine.
  const abilities = useCaseAbilities();
  const { canDispatch: isDispatcher, hasQueue } = abilities;
  const statuses = useCaseStatuses();
  const openStatuses = statuses.open ?? [];
  const ready = !!statuses.open;
  const loading = (query: { isLoading: boolean }) => (!ready && !statuses.error) || query.isLoading;

  const waiting = useQuery({
    queryKey: ['cases', 'home', 'waiting', isDispatcher, lang],
    queryFn: async () => {
      const mine = fetchAllCases({ assignee: 'me', status: openStatuses }, 400);
      const toDispatch = isDispatcher ? fetchAllCases({ status: ['reported', 'returned'] }, 400) : Promise.resolve([]);
      const all = [...(await mine), ...(await toDispatch)];
      const seen = new Set<string>();
      return all.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true))).sort(byNewest);
    },
    refetchInterval: 30_000,
    enabled: hasQueue && ready,
  });
  const open = useQuery({
    queryKey: ['cases', 'home', 'open', lang],
    queryFn: () => fetchAllCases({ status: openStatuses }, 1000),
    refetchInterval: 30_000,
    enabled: ready,
  });
  const overdue = useQuery({
    queryKey: ['cases', 'home', 'overdue', lang],
    queryFn: () => fetchAllCases({ overdue: true, status: openStatuses }, 400),
    refetchInterval: 30_000,
    enabled: ready,
  });

  const span = hasQueue ? 8 : 12;
  const now = Date.now();
  const dueSoon = open.data
    ?.filter((c) => {
      const deadline = currentDeadline(c);
      if (!deadline || c.isOverdue) return false;
      const at = Date.parse(deadline);
      return at > now && at <= now + day;
    })
    .sort((a, b) => Date.parse(currentDeadline(a)!) - Date.parse(currentDeadline(b)!));

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('console.home.greeting', { name: user?.displayName ?? '' })}
      </Typography.Title>
      {abilities.isLoading ? (
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          {hasQueue ? (
            <Col xs={24} lg={8}>
              <CaseCard
                testId="home-waiting"
                title={t('console.home.waiting')}
                hint={t('console.home.waitingHint', { extra: isDispatcher ? t('console.home.waitingDispatcherExtra') : '' })}
                icon={<InboxOutlined />}
                items={waiting.data}
                loading={loading(waiting)}
                error={statuses.error ?? waiting.error}
                link={inboxLink(isDispatcher ? { status: ['reported', 'returned'] } : { assignee: 'me', status: openStatuses })}
              />
            </Col>
          ) : null}
          <Col xs={24} lg={span}>
            <CaseCard
              testId="home-due-soon"
              title={t('console.home.dueSoon')}
              hint={t('console.home.dueSoonHint')}
              icon={<ClockCircleOutlined style={{ color: '#d48806' }} />}
              items={dueSoon}
              loading={loading(open)}
              error={statuses.error ?? open.error}
              link={inboxLink({ status: openStatuses })}
              extra={(c) => <Typography.Text type="warning">{t('console.home.dueIn', { time: formatTime(currentDeadline(c)) })}</Typography.Text>}
            />
          </Col>
          <Col xs={24} lg={span}>
            <CaseCard
              testId="home-overdue"
              title={t('console.home.overdue')}
              hint={t('console.home.overdueHint')}
              icon={<AlertOutlined style={{ color: '#cf1322' }} />}
              items={overdue.data}
              loading={loading(overdue)}
              error={statuses.error ?? overdue.error}
              link={inboxLink({ overdue: true, status: openStatuses })}
              extra={(c) => <Typography.Text type="danger">{formatTime(currentDeadline(c) ?? c.respondBy)}</Typography.Text>}
            />
          </Col>
        </Row>
      )}
    </div>
  );
}
