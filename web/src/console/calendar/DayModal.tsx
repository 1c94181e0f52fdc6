import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { weekdayIndex, type CalendarDay } from './calendarApi';

type DayForm = { kind: 'holiday' | 'workday'; nameZh: string; nameEn?: string };

/** Click on a day: mark it a holiday or a make-up working day, or make it ordinary again. */
export function DayModal({ date, entry, canEdit, onClose }: { date: string | null; entry: CalendarDay | undefined; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DayForm>();
  const [busy, setBusy] = useState(false);
  const weekend = date ? weekdayIndex(date) >= 5 : false;

  useEffect(() => {
    if (!date) return;
    form.setFieldsValue(entry ? { kind: entry.kind, nameZh: entry.nameZh, nameEn: entry.nameEn } : { kind: weekend ? 'workday' : 'holiday', nameZh: '', nameEn: '' });
  }, [date, entry, weekend, form]);

  const done = async (text: string) => {
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: ['calendar'] });
    onClose();
  };
  const run = async (work: () => Promise<unknown>, text: string) => {
    setBusy(true);
    try {
      await work();
      await done(text);
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    const values = await form.validateFields();
    await run(() => call(api.PUT('/api/v1/calendar/days/{date}', { params: { path: { date: date! } }, body: { ...values, nameEn: values.nameEn ?? '' } })), t('calendar.calendar.edit.saved'));
  };
  const clear = () => run(() => call(api.DELETE('/api/v1/calendar/days/{date}', { params: { path: { date: date! } } })), t('calendar.calendar.edit.cleared'));
  const weekdays = t('calendar.calendar.weekdays', { returnObjects: true }) as string[];

  return (
    <Modal
      open={date !== null}
      title={date ? t('calendar.calendar.edit.title', { date, weekday: weekdays[weekdayIndex(date)] }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={
        canEdit ? (
          <Space>
            {entry ? (
              <Button danger loading={busy} onClick={clear}>
                {t('calendar.calendar.edit.clear')}
              </Button>
            ) : null}
            <Button onClick={onClose}>{t('calendar.calendar.edit.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={save} data-testid="calendar-day-save">
              {t('calendar.calendar.edit.save')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">
        {entry
          ? `${entry.kind === 'holiday' ? t('calendar.calendar.edit.holiday') : t('calendar.calendar.edit.workday')} · ${t(`calendar.calendar.edit.source.${entry.source}`)}`
          : t('calendar.calendar.edit.none', { what: weekend ? t('calendar.calendar.edit.weekend') : t('calendar.calendar.edit.weekday') })}
      </Typography.Paragraph>
      {canEdit ? (
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('calendar.calendar.edit.kind')} rules={[{ required: true }]}>
            <Radio.Group>
              <Radio.Button value="holiday">{t('calendar.calendar.edit.holiday')}</Radio.Button>
              <Radio.Button value="workday">{t('calendar.calendar.edit.workday')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="nameZh" label={t('calendar.calendar.edit.nameZh')} rules={[{ required: true, whitespace: true, max: 40 }]}>
            <Input placeholder="国庆节" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('calendar.calendar.edit.nameEn')} rules={[{ max: 80 }]}>
            <Input placeholder="National Day" />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
