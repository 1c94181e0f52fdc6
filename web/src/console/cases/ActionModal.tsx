import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import type { RuleObject } from 'antd/es/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { postCaseAction } from '../../shared/cases/case-actions';
import { findCaseByNumber } from './caseApi';
import { caseNumberPattern, type CaseDetail } from './format';
import { EvidenceUpload } from './EvidenceUpload';
import { CaseCategoryLocationFields, categoryLocationBody } from './CaseCategoryLocationFields';
import { parseTarget, TargetSelect } from './TargetSelect';
import { maxFreeText } from '../../shared/limits';

type AllowedAction = CaseDetail['allowedActions'][number];
type Field = AllowedAction['input'][number];
type RuleType = NonNullable<RuleObject['type']>;

/** What antd's DatePicker hands back (a Dayjs); only its formatter is needed. */
interface DateValue {
  format(pattern: string): string;
}

/**
 * The value each field's control holds, for the form's rules. Without a type antd checks every value as
 * text, so a number, a date or a list of departments read as "not filled in" and nothing was sent.
 */
const valueType: Record<Field['type'], RuleType> = {
  text: 'string',
  case: 'string',
  target: 'string',
  decision: 'string',
  choice: 'string',
  integer: 'integer',
  date: 'object',
  units: 'array',
  photos: 'array',
  boolean: 'boolean',
};

function isStale(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status === 409 && e.problem?.code === 'STALE_VERSION';
}

/**
 * The form for one allowed action, built from the `input` fields the server describes, sent with the
 * case's version. A stale version (someone else acted first) reloads the case and says so.
 */
export function ActionModal({ data, action, preset, onClose, onDone, onStale }: { data: CaseDetail; action: AllowedAction | null; preset?: Record<string, unknown> | undefined; onClose: () => void; onDone: (updated: CaseDetail) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  // A suggestion opened this dialog: its field (category, target) starts filled in; the person still confirms.
  useEffect(() => {
    if (action && preset) form.setFieldsValue(preset);
  }, [action, preset, form]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = action?.label ?? '';

  function close() {
    setError(null);
    form.resetFields();
    onClose();
  }

  async function submit(values: Record<string, unknown>) {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      const body: { version: number } & Record<string, unknown> = { version: data.version };
      for (const field of action.input) {
        const value = values[field.name];
        if (field.type === 'boolean') {
          body[field.name] = value === true;
          continue;
        }
        if (value === undefined || value === null || value === '') continue;
        switch (field.type) {
          case 'text':
            if (String(value).trim()) body[field.name] = String(value).trim();
            break;
          case 'integer':
            body[field.name] = Number(value);
            break;
          case 'date':
            body[field.name] = (value as DateValue).format('YYYY-MM-DD');
            break;
          case 'target': {
            const target = parseTarget(String(value));
            body[field.name] = field.name === 'target' ? target : target.id;
            break;
          }
          case 'decision':
          case 'choice':
            body[field.name] = value;
            break;
          case 'units':
            if (Array.isArray(value) && value.length) body[field.name] = value;
            break;
          case 'photos':
            if (Array.isArray(value) && value.length) body[field.name] = value;
            break;
          case 'case': {
            const number = String(value).trim();
            const found = await findCaseByNumber(number);
            if (!found) {
              form.setFields([{ name: field.name, errors: [t('console.actions.caseNotFound', { number })] }]);
              return;
            }
            body[field.name] = found.id;
            break;
          }
          default:
            break;
        }
      }
      if (action.action === 'accept') Object.assign(body, categoryLocationBody(values, data));
      const updated = await postCaseAction(data.id, action.action, body);
      message.success(t('console.actions.success', { action: label }));
      form.resetFields();
      onDone(updated);
    } catch (e) {
      if (isStale(e)) {
        message.warning(t('console.actions.stale', { message: errorMessage(e, t) }), 6);
        form.resetFields();
        onStale();
      } else {
        setError(t('console.actions.failed', { message: errorMessage(e, t) }));
      }
    } finally {
      setBusy(false);
    }
  }

  function control(field: Field) {
    switch (field.type) {
      case 'integer':
        return <InputNumber min={1} max={2160} precision={0} style={{ width: 180 }} />;
      case 'date':
        return <DatePicker format="YYYY-MM-DD" style={{ width: 180 }} />;
      case 'target':
        return <TargetSelect targets={action?.targets ?? []} />;
      case 'decision':
        return (
          <Radio.Group
            options={[
              { value: 'approve', label: t('console.actions.approve') },
              { value: 'deny', label: t('console.actions.deny') },
            ]}
          />
        );
      case 'choice':
        return <Radio.Group optionType="button" buttonStyle="solid" options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label }))} />;
      case 'boolean':
        return <Switch />;
      case 'units':
        return (
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            options={(action?.targets ?? []).filter((x) => x.kind === 'unit').map((x) => ({ value: x.id, label: x.name }))}
          />
        );
      case 'photos':
        return <EvidenceUpload />;
      case 'case':
        return <Input placeholder={t('console.actions.caseNumberPlaceholder')} maxLength={40} />;
      default:
        // The server says how long each text may be (1,000 for a note or reason, 10,000 for a result).
        return <Input.TextArea rows={3} maxLength={field.maxLength ?? maxFreeText} showCount />;
    }
  }

  const fields = (action?.input ?? []).filter((f) => !(f.type === 'target' && !f.required && (action?.targets.length ?? 0) === 0));
  return (
    <Modal open={!!action} title={`${label} · ${data.number}`} onCancel={close} onOk={() => form.submit()} okText={label || t('console.actions.submit')} confirmLoading={busy} destroyOnHidden width={560} maskClosable={!busy}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="action" layout="vertical" onFinish={submit} disabled={busy} data-testid="action-form">
        {fields.map((field) =>
          field.type === 'photos' ? (
            <Form.Item key={field.name} name={field.name} label={field.label}>
              <EvidenceUpload />
            </Form.Item>
          ) : (
            <Form.Item
              key={field.name}
              name={field.name}
              label={field.label}
              {...(field.type === 'boolean' ? { valuePropName: 'checked', initialValue: false } : {})}
              rules={field.type === 'boolean' ? [] : [
                { type: valueType[field.type], required: field.required, whitespace: field.type === 'text', message: t('console.actions.required', { field: field.label }) },
                ...(field.type === 'case' ? [{ pattern: caseNumberPattern, message: t('console.actions.caseNumberPlaceholder') }] : []),
              ]}
            >
              {control(field)}
            </Form.Item>
          ),
        )}
        {action?.action === 'accept' && <CaseCategoryLocationFields data={data} />}
        {fields.length === 0 && <Typography.Text>{label}？</Typography.Text>}
      </Form>
    </Modal>
  );
}
