import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from './format';
import { useCategoryOptions } from './useCategories';

/** `34.26, 117.18` (lat, lng) as typed in the location field; anything else is a grid or territory code. */
const pointPattern = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,，]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;
const codePattern = /^\s*[0-9A-Za-z-]{1,40}\s*$/;

/**
 * Category and location at acceptance: set or correct them before the case goes on (a case raised
 * on a visit or by phone may arrive unclassified or placed only at its village). Empty fields keep
 * what the case has.
 */
export function CaseCategoryLocationFields({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const { options, isLoading } = useCategoryOptions();
  const place = data.grid?.name ?? data.territory.name;
  return (
    <>
      <Form.Item name="categoryCode" label={t('visits.acceptFields.category')} initialValue={data.category?.code} extra={data.category ? null : t('visits.acceptFields.noCategory')}>
        <Select
          showSearch
          allowClear
          loading={isLoading}
          optionFilterProp="label"
          placeholder={t('visits.acceptFields.categoryPlaceholder')}
          options={options.map((g) => ({ label: g.label, title: g.title, options: g.children.map((c) => ({ value: c.value, label: `${c.value} ${c.label}` })) }))}
          data-testid="accept-category"
        />
      </Form.Item>
      <Form.Item
        name="locationText"
        label={t('visits.acceptFields.location')}
        extra={t('visits.acceptFields.locationNow', { place })}
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              const text = typeof value === 'string' ? value : '';
              if (text.trim() && !pointPattern.test(text) && !codePattern.test(text)) throw new Error(t('visits.acceptFields.locationInvalid'));
            },
          },
        ]}
      >
        <Input placeholder={t('visits.acceptFields.locationPlaceholder')} maxLength={60} data-testid="accept-location" />
      </Form.Item>
    </>
  );
}

/** The accept body's `categoryCode` and `location` from the fields above (only what changed). */
export function categoryLocationBody(values: Record<string, unknown>, data: CaseDetail): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const code = typeof values.categoryCode === 'string' ? values.categoryCode : '';
  if (code && code !== data.category?.code) body.categoryCode = code;
  const text = typeof values.locationText === 'string' ? values.locationText.trim() : '';
  const point = pointPattern.exec(text);
  if (point) body.location = { lat: Number(point[1]), lng: Number(point[2]) };
  else if (text) body.location = { gridCode: text };
  return body;
}
