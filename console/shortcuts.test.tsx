import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShortcutHelp } from './ShortcutHelp';
import { SHORTCUTS, shortcutOf } from './shortcuts';
import { useShortcuts } from './use-shortcuts';

afterEach(cleanup);

const press = (code: string, more: Partial<KeyboardEventInit> = {}) =>
  fireEvent.keyDown(window, { code, altKey: true, ...more });

describe('the console’s keyboard shortcuts', () => {
  it('are Alt plus one physical key each, no two alike, and nothing else', () => {
    expect(new Set(SHORTCUTS.map((s) => s.code)).size).toBe(SHORTCUTS.length);
    expect(shortcutOf({ code: 'KeyM', altKey: true, ctrlKey: false, metaKey: false, shiftKey: false })).toBe(
      'toggle-microphone',
    );
    expect(shortcutOf({ code: 'KeyM', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false })).toBeNull();
    expect(shortcutOf({ code: 'KeyM', altKey: true, ctrlKey: true, metaKey: false, shiftKey: false })).toBeNull();
    expect(shortcutOf({ code: 'KeyZ', altKey: true, ctrlKey: false, metaKey: false, shiftKey: false })).toBeNull();
    // Ending the call has none: a slip of the hand would end a consultation.
    expect(SHORTCUTS.map((s) => s.action)).not.toContain('end-call');
  });

  it('run the current screen’s handler and leave other keys to the browser', () => {
    const measure = vi.fn();
    function Screen() {
      useShortcuts({ 'measure-temperature': measure });
      return null;
    }
    render(<Screen />);
    press('KeyT');
    expect(measure).toHaveBeenCalledTimes(1);
    const other = new KeyboardEvent('keydown', { code: 'KeyM', altKey: true, cancelable: true });
    window.dispatchEvent(other);
    expect(other.defaultPrevented).toBe(false);
  });

  it('are listed in a help panel opened with Alt+H, every action worded', () => {
    render(<ShortcutHelp />);
    expect(screen.queryByTestId('shortcuts-help')).toBeNull();
    press('KeyH');
    const help = screen.getByRole('dialog', { name: 'Raccourcis clavier' });
    expect(help.querySelectorAll('dt')).toHaveLength(SHORTCUTS.length);
    expect(help.textContent).toContain('Alt+TDemander la température');
    expect(help.textContent).not.toMatch(/shortcuts\./);
    fireEvent.click(screen.getByRole('button', { name: 'Fermer' }));
    expect(screen.queryByTestId('shortcuts-help')).toBeNull();
  });
});
