import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Partner } from '@/utils/contract';
import { sitePattern } from '@/utils/partners';
import { AccessProblem } from './AccessProblem';
import { ActivationStatus } from './ActivationStatus';
import { rateText, t } from './i18n';
import { chosenIds, enablePartner, offIds } from './partner-access';

type SiteState =
  | { kind: 'none' }
  | { kind: 'disabled' | 'enabled' | 'removed' | 'denied'; partner: Partner };

async function siteState(
  partner: Partner | undefined,
  url: string | undefined,
): Promise<SiteState> {
  if (!partner || !url) return { kind: 'none' };
  const granted = await browser.permissions.contains({ origins: [sitePattern(url)] });
  // Turned off in the settings while the browser keeps the grant: off, as for what runs.
  if (granted && !(await offIds()).has(partner.id)) return { kind: 'enabled', partner };
  if (granted) return { kind: 'disabled', partner };
  // Turned on once, access gone since: say so rather than look merely "off".
  return (await chosenIds()).has(partner.id)
    ? { kind: 'removed', partner }
    : { kind: 'disabled', partner };
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
    // Asks the browser first thing, within the click (the whole partner, as in the settings).
    const outcome = await enablePartner(p);
    setState({ kind: outcome === 'on' ? 'enabled' : 'denied', partner: p });
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
      {state.kind === 'enabled' && !state.partner.requiresActivation && (
        <p>
          {t(
            'siteEarns',
            state.partner.name,
            rateText(state.partner.earn.pointsPerUnit, state.partner.earn.currency),
          )}
        </p>
      )}
      {state.kind === 'enabled' && state.partner.requiresActivation && (
        <ActivationStatus partner={state.partner} />
      )}
      {state.kind === 'disabled' && (
        <>
          <p>{t('siteNotEnabled', state.partner.name)}</p>
          <button type="button" onClick={() => enable(state.partner)}>
            {t('enablePartner', state.partner.name)}
          </button>
        </>
      )}
      {(state.kind === 'removed' || state.kind === 'denied') && (
        <AccessProblem
          partner={state.partner}
          access={state.kind}
          onAllow={() => enable(state.partner)}
        />
      )}
    </section>
  );
}
