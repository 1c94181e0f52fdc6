import { BulbOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCategorySuggestion } from '../../shared/classification/useCategorySuggestion';

/**
 * Under a report's description on the staff form: the county model's top categories for what was typed,
 * asked half a second after typing stops; a click picks one. Nothing shows when no model is switched on.
 */
export function CategoryHint({ description, onPick }: { description: string | undefined; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const categories = useCategorySuggestion(description);
  if (categories.length === 0) return null;
  return (
    <Space wrap size={4} style={{ marginTop: -12, marginBottom: 16 }} data-testid="category-hint">
      <Typography.Text type="secondary">
        <BulbOutlined /> {t('classification.hint.title')}
        {t('common.colon')}
      </Typography.Text>
      {categories.map((c) => (
        <Tag key={c.code} color="purple" style={{ cursor: 'pointer' }} onClick={() => onPick(c.code)}>
          {c.name} {Math.round(c.probability * 100)}%
        </Tag>
      ))}
    </Space>
  );
}
