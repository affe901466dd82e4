import { useCallback, useEffect, useState } from 'react';

export interface HashRoute {
  /** Path segments: `#/customers/0510000001` → ['customers', '0510000001']. */
  segments: string[];
  /** The part after `?`: `#/customers?tier=T4`. */
  query: string;
}

function readHash(): HashRoute {
  const [path, query = ''] = window.location.hash.replace(/^#\/?/, '').split('?');
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), query };
}

/** The app's location lives in the hash (`#/customers/0510000001`), so deep links work under app:// too. */
export function useHashRoute(): [HashRoute, (path: string) => void] {
  const [route, setRoute] = useState(readHash);
  useEffect(() => {
    const onChange = () => setRoute(readHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((path: string) => {
    window.location.hash = `#/${path}`;
  }, []);
  return [route, navigate];
}
