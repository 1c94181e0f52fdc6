import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadPhoto } from '../../shared/photos/photo-upload';
import { errorMessage } from '../../shared/errors';

/**
 * Evidence photos for an action form: each picked image is shrunk in the browser and uploaded at
 * once; the form value is the list of uploaded photo ids the server attaches to the case.
 */
export function EvidenceUpload({ value, onChange }: { value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const ids = value ?? [];
  return (
    <Upload
      listType="picture"
      accept="image/jpeg,image/png,image/webp"
      multiple
      maxCount={9}
      fileList={files}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const uploaded = await uploadPhoto(file as File);
          onChange?.([...ids, uploaded.id]);
          onSuccess?.(uploaded);
        } catch (error) {
          onError?.(new Error(errorMessage(error, t)));
        }
      }}
      onChange={({ fileList }) => setFiles(fileList)}
      onRemove={(file) => {
        const id = (file.response as { id?: string } | undefined)?.id;
        if (id) onChange?.(ids.filter((x) => x !== id));
      }}
    >
      <Button icon={<UploadOutlined />}>{t('console.actions.addPhotos')}</Button>
    </Upload>
  );
}
