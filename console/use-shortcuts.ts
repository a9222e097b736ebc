import { useEffect, useRef } from 'react';
import { shortcutOf, type ShortcutAction } from './shortcuts';

/**
 * Runs the handler of each shortcut pressed anywhere in the console, for the actions the current
 * screen offers (the others do nothing, and the key goes on to the browser).
 */
export function useShortcuts(handlers: Partial<Record<ShortcutAction, () => void>>): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutOf(event);
      const handler = action && current.current[action];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
