import { useSearchParams } from 'react-router';

/**
 * A page's filters kept in its address, so a filtered view can be shared or reloaded: the current ones, and a setter
 * that clears an emptied filter and goes back to the first page whenever a filter changes.
 */
export function useFilterParams(): [URLSearchParams, (name: string, value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  return [params, set];
}
