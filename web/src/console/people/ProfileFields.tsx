import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ProfileValues {
  phone?: string | null;
  email?: string | null;
  title?: string | null;
  duties?: string | null;
}

export const profileFieldNames = ['phone', 'email', 'title', 'duties'];

/** The profile part of a body: empty inputs clear the field (null). */
export function profileBody(values: ProfileValues) {
  const clean = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
  return { phone: clean(values.phone), email: clean(values.email), title: clean(values.title), duties: clean(values.duties) };
}

/** 干部信息 in the account drawer: phone (checked as a mainland mobile), email, title and duties. */
export function ProfileFields() {
  const { t } = useTranslation();
  const k = 'assignments.profile';
  return (
    <>
      <Form.Item
        name="phone"
        label={t(`${k}.phone`)}
        extra={t(`${k}.phoneHelp`)}
        rules={[{ pattern: /^(\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}$/, message: t(`${k}.phoneInvalid`) }]}
      >
        <Input inputMode="tel" maxLength={20} autoComplete="off" data-testid="user-phone" />
      </Form.Item>
      <Form.Item name="email" label={t(`${k}.email`)} rules={[{ type: 'email', message: t(`${k}.emailInvalid`) }]}>
        <Input maxLength={120} autoComplete="off" />
      </Form.Item>
      <Form.Item name="title" label={t(`${k}.title`)}>
        <Input maxLength={40} placeholder={t(`${k}.titlePlaceholder`)} />
      </Form.Item>
      <Form.Item name="duties" label={t(`${k}.duties`)}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t(`${k}.dutiesPlaceholder`)} />
      </Form.Item>
    </>
  );
}
