import { ImageUploader, Toast, type ImageUploadItem } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/errors';
import { uploadPhoto, type UploadedPhoto } from '../../shared/photos/photo-upload';

export type PhotoItem = ImageUploadItem & { extra?: UploadedPhoto };

/** Ids of the photos that finished uploading, in the order shown. */
export function photoIdsOf(items: PhotoItem[]): string[] {
  return items.map((item) => item.extra?.id).filter((id): id is string => !!id);
}

/**
 * Pick or take photos: each is shrunk on the phone, uploaded at once (with a spinner on its tile)
 * and kept as a photo id. `onPendingChange` says how many are still on their way, so the form can
 * wait; `onLocated` offers the place a photo was taken, when it carries one.
 */
export function PhotoField({
  value,
  onChange,
  onPendingChange,
  onLocated,
  maxCount = 9,
}: {
  value: PhotoItem[];
  onChange: (items: PhotoItem[]) => void;
  onPendingChange?: (pending: number) => void;
  onLocated?: (point: { lat: number; lng: number }) => void;
  maxCount?: number;
}) {
  const { t } = useTranslation();
  return (
    <ImageUploader
      value={value}
      onChange={(items) => onChange(items as PhotoItem[])}
      accept="image/jpeg,image/png,image/webp,image/*"
      multiple
      maxCount={maxCount}
      onCountExceed={() => Toast.show({ content: t('mobile.photos.tooMany', { count: maxCount }) })}
      onUploadQueueChange={(tasks) => onPendingChange?.(tasks.filter((task) => task.status === 'pending').length)}
      upload={async (file) => {
        try {
          const uploaded = await uploadPhoto(file);
          if (uploaded.suggestedLocation) onLocated?.(uploaded.suggestedLocation);
          // Both the tile and the full-screen viewer (a tap on the tile) show the local file: `url` must
          // be an image address, not the photo id (the viewer showed a grey broken-image icon).
          const preview = URL.createObjectURL(file);
          return { url: preview, thumbnailUrl: preview, extra: uploaded } as PhotoItem;
        } catch (error) {
          Toast.show({ icon: 'fail', content: t('mobile.photos.uploadFailed', { message: errorMessage(error, t) }), duration: 4000 });
          throw error;
        }
      }}
    />
  );
}
