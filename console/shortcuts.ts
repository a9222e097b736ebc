import type { MeasurementKind } from '../common/devices/kinds';

/**
 * The console's keyboard shortcuts for the frequent actions. Alt + a letter: it types nothing in
 * the notes or the prescription, and the physical key (`code`) is matched, so an AZERTY and a
 * QWERTY keyboard use the same key and macOS's Option characters do not get in the way. Ending
 * the call has no shortcut: a slip of the hand would end a consultation.
 */
export type ShortcutAction =
  'accept-next' | 'toggle-microphone' | 'toggle-camera' | 'focus-notes' | 'help' | `measure-${MeasurementKind}`;

export const SHORTCUTS: readonly { action: ShortcutAction; code: string; key: string }[] = [
  { action: 'accept-next', code: 'KeyA', key: 'A' },
  { action: 'toggle-microphone', code: 'KeyM', key: 'M' },
  { action: 'toggle-camera', code: 'KeyV', key: 'V' },
  { action: 'measure-temperature', code: 'KeyT', key: 'T' },
  { action: 'measure-oximetry', code: 'KeyO', key: 'O' },
  { action: 'measure-blood-pressure', code: 'KeyP', key: 'P' },
  { action: 'focus-notes', code: 'KeyN', key: 'N' },
  { action: 'help', code: 'KeyH', key: 'H' },
];

/** The action a key press asks for: Alt alone with one of the letters above; null otherwise. */
export function shortcutOf(event: Pick<KeyboardEvent, 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>) {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return SHORTCUTS.find((s) => s.code === event.code)?.action ?? null;
}
