import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ACCOUNT_KEY, type Account, loadAccount } from '@/utils/account/storage';

/** The stored account, kept current when the background changes it. */
export function useAccount(): Account | undefined {
  const [account, setAccount] = useState<Account>();
  useEffect(() => {
    const reload = () => void loadAccount().then(setAccount);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && ACCOUNT_KEY in changes) reload();
    };
    reload();
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return account;
}
