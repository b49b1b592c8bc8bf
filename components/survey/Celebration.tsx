import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { thanksText } from './survey-text';

/**
 * Shown once a survey is sent: a short burst of confetti (none for those who
 * prefer reduced motion) and the thanks, which stays until "Done" or the
 * popup closes. The thanks takes the focus, so it is read out at once.
 */
export function Celebration({ points, onDone }: { points: number; onDone: () => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const message = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    message.current?.focus();
    let reset: (() => void) | undefined;
    let gone = false;
    // Loaded only now: the popup opens without it.
    void import('canvas-confetti').then(({ default: confetti }) => {
      if (gone || !canvas.current) return;
      const fire = confetti.create(canvas.current, {
        resize: true,
        useWorker: false,
        disableForReducedMotion: true,
      });
      reset = fire.reset;
      void fire({
        particleCount: 60,
        spread: 70,
        startVelocity: 25,
        ticks: 90,
        scalar: 0.7,
        origin: { y: 0.7 },
      });
    });
    return () => {
      gone = true;
      reset?.();
    };
  }, []);
  return (
    <div class="survey-celebration">
      <div class="survey-confetti" aria-hidden="true">
        <canvas ref={canvas} />
      </div>
      <p
        ref={message}
        class="survey-thanks"
        role="status"
        tabIndex={-1}
        data-testid="survey-thanks"
      >
        {thanksText(points)}
      </p>
      <button type="button" data-testid="survey-done" onClick={onDone}>
        {t('surveyDone')}
      </button>
    </div>
  );
}
