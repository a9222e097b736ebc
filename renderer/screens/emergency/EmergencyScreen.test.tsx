import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

describe('EmergencyScreen', () => {
  it('lists the signs and sends the answer', () => {
    const { send } = renderStep('emergency');
    expect(screen.getAllByRole('listitem')).toHaveLength(6);
    fireEvent.click(screen.getByRole('button', { name: /Aucun de ces signes/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'EMERGENCY_NONE' });
    fireEvent.click(screen.getByRole('button', { name: /J'ai un de ces signes/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'EMERGENCY_PRESENT' });
    fireEvent.click(screen.getByRole('button', { name: /Arrêter/ }));
    expect(send).toHaveBeenLastCalledWith({ type: 'CANCEL' });
  });

  it('emergency stop shows 15 and 112 in big text', () => {
    const { send } = renderStep('emergency-stop');
    expect(screen.getByText('15').className).toBe('number');
    expect(screen.getByText('112').className).toBe('number');
    fireEvent.click(screen.getByRole('button', { name: "J'ai compris" }));
    expect(send).toHaveBeenCalledWith({ type: 'FINISH' });
  });
});
