import type { FlowIntention } from '../../common/flow/flow-intention';
import { useFlow } from '../app/flow-context';

export interface IntentButtonProps {
  /** A symbol before the label, hidden from screen readers (the label says it all). */
  icon?: string;
  label: string;
  /** What pressing the button asks of the flow. */
  intention: FlowIntention;
  className?: string;
}

/** A button that sends one flow intention: the common way a step lets the patient answer or move on. */
export function IntentButton({ icon, label, intention, className }: IntentButtonProps) {
  const { send } = useFlow();
  return (
    <button type="button" className={className} onClick={() => send(intention)}>
      {icon && <span aria-hidden="true">{icon} </span>}
      {label}
    </button>
  );
}
