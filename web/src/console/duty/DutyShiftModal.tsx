import { Alert, DatePicker, Form, Input, Modal, TimePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useFormSave } from '../../shared/forms/useFormSave';
import { StaffSelect } from '../people/StaffSelect';

interface Values {
  staffId: string;
  day: Dayjs;
  from: Dayjs;
  to: Dayjs;
  note?: string;
}

/** Shanghai wall-clock time on a day, as an ISO instant with +08:00. */
function shanghaiInstant(day: Dayjs, time: Dayjs, nextDay: boolean): string {
  return `${day.add(nextDay ? 1 : 0, 'day').format('YYYY-MM-DD')}T${time.format('HH:mm')}:00+08:00`;
}

/** 新增班次: a person of the town, a day and hours (an end before the start means the next morning). */
export function DutyShiftModal({ open, townCode, day, onClose, onSaved }: { open: boolean; townCode: string; day: Dayjs; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const k = 'assignments.duty';

  const { submit, saving, problem } = useFormSave(form, {
    save: (v: Values) => {
      const overnight = v.to.format('HH:mm') <= v.from.format('HH:mm');
      return call(
        api.POST('/api/v1/duty-shifts', {
          body: { townCode, staffId: v.staffId, startsAt: shanghaiInstant(v.day, v.from, false), endsAt: shanghaiInstant(v.day, v.to, overnight), note: v.note?.trim() || null },
        }),
      );
    },
    resetOnSave: true,
    onSaved,
    fields: ['staffId', 'note'],
  });
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <Modal open={open} title={t(`${k}.add`)} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} destroyOnHidden>
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ day, from: dayjs('17:30', 'HH:mm'), to: dayjs('08:30', 'HH:mm') }}>
        <Form.Item name="staffId" label={t(`${k}.staff`)} rules={[required(t(`${k}.staff`))]}>
          <StaffSelect />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="day" label={t(`${k}.week`)} rules={[required(t(`${k}.week`))]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
          <Form.Item name="from" label={t(`${k}.time`)} rules={[required(t(`${k}.time`))]} style={{ flex: 1 }}>
            <TimePicker format="HH:mm" minuteStep={15} style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
          <Form.Item name="to" label=" " rules={[required(t(`${k}.time`))]} style={{ flex: 1 }}>
            <TimePicker format="HH:mm" minuteStep={15} style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t(`${k}.note`)}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
