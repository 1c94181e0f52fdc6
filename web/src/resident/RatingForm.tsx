import { Button, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { errorMessage } from '../shared/errors';

type RatingState = Schemas['TrackedCase']['rating'];
export type RatingValue = 'satisfied' | 'fairlySatisfied' | 'dissatisfied';

// Words only: phones without an emoji font would show empty boxes.
const choices: Array<{ value: RatingValue; colour: 'success' | 'primary' | 'danger' }> = [
  { value: 'satisfied', colour: 'success' },
  { value: 'fairlySatisfied', colour: 'primary' },
  { value: 'dissatisfied', colour: 'danger' },
];

/**
 * The reporter's rating (满意 / 基本满意 / 不满意): three big buttons and an optional comment. When the
 * reporter verifies the result, the heading says their answer closes the case or sends it back.
 */
export function RatingForm({ state, onRate }: { state: RatingState; onRate: (rating: RatingValue, comment: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<RatingValue | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!state.canRate) {
    if (!state.last) return null;
    return (
      <div className="wg-section" data-testid="rating-given">
        <h3>{t('whistles.rating.thanks')}</h3>
        <p style={{ margin: 0, fontSize: 17 }}>{t('whistles.rating.yourRating', { value: t(`whistles.panel.ratingValues.${state.last.rating}`) })}</p>
        {state.last.comment && <p style={{ margin: '4px 0 0', color: '#555' }}>{state.last.comment}</p>}
      </div>
    );
  }
  const send = async () => {
    if (!choice) return setError(t('whistles.rating.choose'));
    setBusy(true);
    setError(null);
    try {
      await onRate(choice, comment.trim());
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="wg-section" data-testid="rating-form">
      <h3>{state.confirmsClosing ? t('whistles.rating.confirmTitle') : t('whistles.rating.title')}</h3>
      <p className="wg-hint" style={{ marginTop: 0 }}>{state.confirmsClosing ? t('whistles.rating.confirmHint') : t('whistles.rating.hint')}</p>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
        {choices.map((c) => (
          <Button
            key={c.value}
            size="large"
            color={choice === c.value ? c.colour : 'default'}
            fill={choice === c.value ? 'solid' : 'outline'}
            onClick={() => setChoice(c.value)}
            data-testid={`rate-${c.value}`}
            style={{ height: 64, fontSize: 18, padding: 4 }}
            aria-pressed={choice === c.value}
          >
            {t(`whistles.panel.ratingValues.${c.value}`)}
          </Button>
        ))}
      </div>
      <TextArea
        value={comment}
        onChange={setComment}
        placeholder={t('whistles.rating.comment')}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 5 }}
        style={{ background: '#f7f7f7', padding: 8, borderRadius: 6, marginTop: 10 }}
        data-testid="rate-comment"
      />
      {error && <p className="wg-error" role="alert">{error}</p>}
      <Button block color="primary" size="large" loading={busy} onClick={send} style={{ marginTop: 10 }} data-testid="rate-submit">
        {t('whistles.rating.submit')}
      </Button>
    </div>
  );
}
