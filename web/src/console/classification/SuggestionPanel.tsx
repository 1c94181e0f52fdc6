import { BulbOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, List, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';

type Suggestion = Schemas['CaseSuggestion'];

/** What the panel offers the case page: open an action's dialog with a field filled in. */
export interface SuggestionActions {
  /** Accept (受理) with this category, when accept is allowed. */
  accept?: (categoryCode: string) => void;
  /** Dispatch to this target (`kind:id`), when dispatch is allowed and the target is offered. */
  dispatch?: (target: { kind: string; id: string }) => boolean;
}

/**
 * 智能推荐 on the case page: the top three categories with their confidence and the words behind the best
 * one, and where to dispatch; one click opens 受理 or 派单 with the suggestion filled in. A person decides.
 */
export function SuggestionPanel({ caseId, currentCategory, actions }: { caseId: string; currentCategory: string | null; actions: SuggestionActions }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['case', caseId, 'suggestion'], queryFn: () => call(api.GET('/api/v1/cases/{id}/suggestion', { params: { path: { id: caseId } } })), staleTime: 60_000 });
  const data: Suggestion | undefined = query.data;
  if (!data || (data.categories.length === 0 && data.routes.length === 0)) {
    return data ? (
      <Card size="small" title={<Space><BulbOutlined />{t('classification.suggestion.title')}</Space>} style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">{t('classification.suggestion.none')}</Typography.Text>
      </Card>
    ) : null;
  }
  const pct = (p: number) => Math.round(p * 100);
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="suggestion-panel"
      title={
        <Space>
          <BulbOutlined />
          {t('classification.suggestion.title')}
        </Space>
      }
      extra={<Typography.Text type="secondary">{data.stored ? t('classification.suggestion.stored') : t('classification.suggestion.live')}</Typography.Text>}
    >
      {data.categories.length > 0 && (
        <>
          <Typography.Text strong>{t('classification.suggestion.categories')}</Typography.Text>
          <List
            size="small"
            dataSource={data.categories}
            renderItem={(c, i) => (
              <List.Item
                actions={
                  actions.accept && c.code !== currentCategory
                    ? [
                        <Button key="adopt" size="small" type={i === 0 ? 'primary' : 'default'} ghost={i === 0} onClick={() => actions.accept?.(c.code)} data-testid={`adopt-${c.code}`}>
                          {t('classification.suggestion.adopt')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Flex vertical style={{ width: '100%' }}>
                  <Space wrap size={4}>
                    <Typography.Text>{c.name}</Typography.Text>
                    <Typography.Text type="secondary">{c.code}</Typography.Text>
                    {data.appliedCategoryCode === c.code && <Tag color="purple">{t('classification.suggestion.applied')}</Tag>}
                  </Space>
                  <Progress percent={pct(c.probability)} size="small" strokeColor={pct(c.probability) >= pct(data.applyThreshold) ? '#389e0d' : '#d48806'} />
                </Flex>
              </List.Item>
            )}
          />
          {data.terms.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('classification.suggestion.terms')}
              {t('common.colon')}
              {data.terms.map((term) => (
                <Tag key={term}>{term}</Tag>
              ))}
            </Typography.Paragraph>
          )}
        </>
      )}
      {data.routes.length > 0 && (
        <>
          <Typography.Text strong>{t('classification.suggestion.routes')}</Typography.Text>
          <List
            size="small"
            dataSource={data.routes}
            renderItem={(r) => (
              <List.Item
                actions={
                  actions.dispatch && r.target
                    ? [
                        <Button key="dispatch" size="small" onClick={() => actions.dispatch?.(r.target!)} data-testid={`route-${r.label}`}>
                          {t('classification.suggestion.dispatch')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Flex vertical style={{ width: '100%' }}>
                  <Typography.Text>{r.name}</Typography.Text>
                  <Progress percent={pct(r.probability)} size="small" />
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[
          data.categoryModelVersion === null ? null : t('classification.suggestion.categoryModel', { version: data.categoryModelVersion }),
          data.unitModelVersion === null ? null : t('classification.suggestion.unitModel', { version: data.unitModelVersion }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
    </Card>
  );
}
