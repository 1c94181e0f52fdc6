import { Alert, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useSettledDraft, useSimilarCases, type ReportDraft } from '../../shared/duplicates/similar';
import { CandidateReasons } from './DuplicatesPanel';

type Candidate = Schemas['SimilarCaseStaff'];

/** "附近已有相似案件" on the console's new-case form, once a description and a point are there (a hint: it blocks nothing). */
export function SimilarHint({ draft }: { draft: ReportDraft }) {
  const { t } = useTranslation();
  const similar = useSimilarCases(useSettledDraft(draft));
  const items = ((similar.data?.view === 'staff' ? similar.data.items : []) as Candidate[]).filter((c) => c.similarity > 0);
  if (items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="similar-hint"
      message={t('duplicates.similar.staffTitle')}
      description={
        <>
          <Typography.Text type="secondary">{t('duplicates.similar.staffIntro')}</Typography.Text>
          <List
            size="small"
            dataSource={items.slice(0, 5)}
            renderItem={(item) => (
              <List.Item key={item.id}>
                <Space direction="vertical" size={2}>
                  <Space size={6} wrap>
                    <Link to={`/console/cases/${item.id}`} target="_blank">
                      {item.number}
                    </Link>
                    {item.isLikely && <Tag color="red">{t('duplicates.panel.likely')}</Tag>}
                    <Tag>{item.statusLabel}</Tag>
                    <Typography.Text ellipsis style={{ maxWidth: 480 }}>
                      {item.description}
                    </Typography.Text>
                  </Space>
                  <CandidateReasons item={item} />
                </Space>
              </List.Item>
            )}
          />
        </>
      }
    />
  );
}
