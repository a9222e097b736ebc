import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../i18n/i18n';

/** Display preferences of the current patient; reset with the session (never stored). */
export interface Preferences {
  language: Language;
  largeText: boolean;
  highContrast: boolean;
  audioGuidance: boolean;
}

type PreferencesContextValue = {
  preferences: Preferences;
  update: (change: Partial<Preferences>) => void;
  reset: () => void;
};

const PreferencesContext = createContext<PreferencesContextValue | null>(null);

export function PreferencesProvider({ initial, children }: { initial: Preferences; children: ReactNode }) {
  const [preferences, setPreferences] = useState(initial);
  const value = useMemo<PreferencesContextValue>(
    () => ({
      preferences,
      update: (change) => setPreferences((p) => ({ ...p, ...change })),
      reset: () => setPreferences(initial),
    }),
    [preferences, initial],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): PreferencesContextValue {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}
