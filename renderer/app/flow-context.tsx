import { createContext, useContext, type ReactNode } from 'react';
import type { FlowIntention } from '../../common/flow/flow-intention';
import type { FlowView } from '../../common/flow/flow-view';
import type { KioskApi } from '../../common/ipc/contract';

/** What every screen gets: the view to render and the one way to act on it (an intention). */
export interface FlowContextValue {
  view: FlowView;
  /** Sends an intention to the flow machine; the machine decides whether it applies. */
  send: (intention: FlowIntention) => void;
  /** The kiosk API, for live device events (readings, waveform, device status). */
  api: KioskApi | null;
}

const FlowContext = createContext<FlowContextValue | null>(null);

export function FlowProvider({ value, children }: { value: FlowContextValue; children: ReactNode }) {
  return <FlowContext.Provider value={value}>{children}</FlowContext.Provider>;
}

export function useFlow(): FlowContextValue {
  const value = useContext(FlowContext);
  if (!value) throw new Error('useFlow outside FlowProvider');
  return value;
}
