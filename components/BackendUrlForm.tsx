import { useEffect, useState } from 'preact/hooks';
import { backendUrlOf } from '@/utils/account/storage';
import { sendMessage } from '@/utils/messaging';
import { replyError, t } from './i18n';
import { useAccount } from './use-account';

export function BackendUrlForm() {
  const account = useAccount();
  const [url, setUrl] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  useEffect(() => {
    if (account) setUrl(backendUrlOf(account));
  }, [account?.backendUrl, account]);

  return (
    <form
      class="stack"
      aria-labelledby="backend-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const reply = await sendMessage('setBackendUrl', url);
        setStatus(
          reply.ok ? { ok: true, text: t('saved') } : { ok: false, text: replyError(reply) },
        );
      }}
    >
      <h2 id="backend-title">{t('backendTitle')}</h2>
      <label>
        {t('backendLabel')}
        <input
          name="backend"
          type="url"
          required
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'muted' : 'error'}>
          {status.text}
        </p>
      )}
      <button type="submit">{t('save')}</button>
    </form>
  );
}
