import { useEffect, useState } from 'react';

/**
 * A screen that a function key toggles over the workspace (F9 replay, F10 live board): the key
 * opens it only while `canLeave()` holds (the workspace is on its queue, no visit half-done) and
 * closes it again. Inactive unless `allowed`. Returns whether it is open and a setter.
 */
export function useScreenSwitch(key: string, allowed: boolean, canLeave: () => boolean): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!allowed) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== key) return;
      e.preventDefault();
      setOpen((o) => (o ? false : canLeave()));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, allowed, canLeave]);
  return [open, setOpen];
}
