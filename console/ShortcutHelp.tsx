import { useState } from 'react';
import { useT, type MessageKey } from './i18n';
import { SHORTCUTS } from './shortcuts';
import { useShortcuts } from './use-shortcuts';

/** The list of keyboard shortcuts, opened by its button or Alt+H, closed by either or Escape. */
export function ShortcutHelp() {
  const t = useT();
  const [open, setOpen] = useState(false);
  useShortcuts({ help: () => setOpen((o) => !o) });
  return (
    <>
      <button type="button" aria-expanded={open} data-testid="shortcuts-button" onClick={() => setOpen((o) => !o)}>
        {t('shortcuts.title')} (Alt+H)
      </button>
      {open && (
        <section
          className="shortcuts"
          role="dialog"
          aria-label={t('shortcuts.title')}
          data-testid="shortcuts-help"
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <h2>{t('shortcuts.title')}</h2>
          <dl>
            {SHORTCUTS.map((s) => (
              <div key={s.action}>
                <dt>
                  <kbd>Alt</kbd>+<kbd>{s.key}</kbd>
                </dt>
                <dd>{t(`shortcuts.${s.action}` as MessageKey)}</dd>
              </div>
            ))}
          </dl>
          <button type="button" autoFocus onClick={() => setOpen(false)}>
            {t('shortcuts.close')}
          </button>
        </section>
      )}
    </>
  );
}
