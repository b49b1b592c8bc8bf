import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Partner } from '@/utils/contract';
import { sendMessage } from '@/utils/messaging';
import { partnerOrigins, sitePattern } from '@/utils/partners';
import { rateText, t } from './i18n';

type SiteState =
  | { kind: 'none' }
  | { kind: 'disabled'; partner: Partner }
  | { kind: 'enabled'; partner: Partner };

async function siteState(
  partner: Partner | undefined,
  url: string | undefined,
): Promise<SiteState> {
  if (!partner || !url) return { kind: 'none' };
  const granted = await browser.permissions.contains({ origins: [sitePattern(url)] });
  return granted ? { kind: 'enabled', partner } : { kind: 'disabled', partner };
}

export function CurrentSite({
  partner,
  url,
}: {
  partner: Partner | undefined;
  url: string | undefined;
}) {
  const [state, setState] = useState<SiteState | undefined>();
  useEffect(() => {
    siteState(partner, url).then(setState, () => setState({ kind: 'none' }));
  }, [partner, url]);

  const enable = async (p: Partner) => {
    // Must run in the click handler: the browser asks the user right here.
    // The whole partner is enabled (all its sites), as in the settings page.
    const granted = await browser.permissions.request({ origins: partnerOrigins(p) });
    if (granted) {
      await sendMessage('permissionsChanged', undefined);
      setState({ kind: 'enabled', partner: p });
    }
  };

  if (!state) return null;
  return (
    <section
      class="card site"
      aria-labelledby="site-title"
      data-testid="current-site"
      data-kind={state.kind}
    >
      <h2 id="site-title">{t('currentSite')}</h2>
      {state.kind === 'none' && <p>{t('siteNotPartner')}</p>}
      {state.kind === 'enabled' && (
        <p>
          {t(
            'siteEarns',
            state.partner.name,
            rateText(state.partner.earn.pointsPerUnit, state.partner.earn.currency),
          )}
        </p>
      )}
      {state.kind === 'disabled' && (
        <>
          <p>{t('siteNotEnabled', state.partner.name)}</p>
          <button type="button" onClick={() => enable(state.partner)}>
            {t('enablePartner', state.partner.name)}
          </button>
        </>
      )}
    </section>
  );
}
