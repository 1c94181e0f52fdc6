import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a one-time password exactly once; closing it is the only way on. */
export function OneTimePasswordModal({ shown, onClose }: { shown: { name: string; username: string; password: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const k = 'adminUsers.otp';
  return (
    <Modal
      open={!!shown}
      title={t(`${k}.title`)}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="one-time-password-done">
          {t(`${k}.done`)}
        </Button>
      }
    >
      {shown ? (
        <>
          <Typography.Paragraph>{t(`${k}.body`, { name: shown.name, username: shown.username })}</Typography.Paragraph>
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '12px 16px', background: '#fafafa', border: '1px dashed #d9d9d9', borderRadius: 4 }}>
            <Typography.Text data-testid="one-time-password" style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 22, letterSpacing: 1, flex: 1 }}>
              {shown.password}
            </Typography.Text>
            <Button
              icon={<CopyOutlined />}
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(shown.password);
                  message.success(t(`${k}.copied`));
                } catch {
                  // Clipboard needs a secure context; the password stays on screen to copy by hand.
                }
              }}
            >
              {t(`${k}.copy`)}
            </Button>
          </div>
        </>
      ) : null}
    </Modal>
  );
}
