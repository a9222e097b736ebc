import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueItem } from '../common/signaling/messages';
import { QueueView } from './QueueView';

const at = Date.parse('2026-11-22T10:00:00Z');
const item = (over: Partial<QueueItem>): QueueItem => ({
  consultationId: 'c1',
  kioskId: 'k1',
  ageYears: 34,
  specialty: 'general-practice',
  territory: '75',
  reason: 'Toux depuis 3 jours',
  waitingSince: new Date(at - 65_000).toISOString(),
  position: 1,
  kioskConnected: true,
  ...over,
});

const DUTY = { scope: { specialties: ['general-practice' as const], territories: ['75'] }, onDuty: true };

afterEach(cleanup);

describe('QueueView', () => {
  it('lists reason, age and sex, specialty, pharmacy and town, and the waiting time, which runs with `now`', () => {
    const entries = [
      item({ sex: 'F', pharmacy: 'Pharmacie du Marché', town: 'Lyon' }),
      item({
        consultationId: 'c2',
        position: 2,
        ageYears: 7,
        specialty: 'paediatrics',
        territory: '92',
        reason: 'Fièvre',
        waitingSince: new Date(at - 5_000).toISOString(),
        kioskConnected: false,
      }),
    ];
    const { rerender } = render(
      <QueueView entries={entries} doctorsOnDuty={2} duty={DUTY} now={at} onAccept={() => {}} />,
    );
    const rows = screen.getAllByTestId('queue-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.getAttribute('data-consultation-id')).toBe('c1');
    expect(within(rows[0]!).getByTestId('queue-reason').textContent).toContain('Toux depuis 3 jours');
    expect(within(rows[0]!).getByTestId('queue-age').textContent).toBe('34 ans');
    expect(within(rows[0]!).getByTestId('queue-sex').textContent).toBe(' · femme');
    expect(within(rows[0]!).getByTestId('queue-place').textContent).toBe('Pharmacie du Marché, Lyon (75)');
    // A kiosk of no pharmacy (older platform, or not assigned): said so, no sex when the NIR tells none.
    expect(within(rows[1]!).getByTestId('queue-place').textContent).toBe('Pharmacie non renseignée (92)');
    expect(within(rows[1]!).queryByTestId('queue-sex')).toBeNull();
    expect(within(rows[0]!).getByTestId('queue-specialty').textContent).toBe('Médecine générale');
    expect(within(rows[0]!).getByTestId('queue-waiting').textContent).toBe('1:05');
    expect(within(rows[1]!).getByTestId('queue-specialty').textContent).toBe('Pédiatrie');
    expect(within(rows[1]!).getByTestId('queue-territory').textContent).toBe('92');
    expect(within(rows[1]!).getByTestId('queue-reason').textContent).toContain('borne déconnectée');
    rerender(<QueueView entries={entries} doctorsOnDuty={2} duty={DUTY} now={at + 3_600_000} onAccept={() => {}} />);
    expect(within(screen.getAllByTestId('queue-row')[0]!).getByTestId('queue-waiting').textContent).toBe('1:01:05');
  });

  it('accepts the chosen patient, and not while busy', () => {
    const onAccept = vi.fn();
    const entries = [item({}), item({ consultationId: 'c2', position: 2 })];
    const { rerender } = render(
      <QueueView entries={entries} doctorsOnDuty={1} duty={DUTY} now={at} onAccept={onAccept} />,
    );
    fireEvent.click(screen.getAllByTestId('queue-accept')[1]!);
    expect(onAccept).toHaveBeenCalledWith('c2');
    rerender(<QueueView entries={entries} doctorsOnDuty={1} duty={DUTY} now={at} onAccept={onAccept} busy />);
    expect((screen.getAllByTestId('queue-accept')[0] as HTMLButtonElement).disabled).toBe(true);
  });

  it('says when nobody waits, and shows a notice', () => {
    render(
      <QueueView
        entries={[]}
        doctorsOnDuty={1}
        duty={DUTY}
        now={at}
        onAccept={() => {}}
        notice="Ce patient a déjà été pris par un confrère."
      />,
    );
    expect(screen.getByTestId('queue-empty').textContent).toBe(
      'Aucun patient en attente pour vos spécialités et départements.',
    );
    expect(screen.getByRole('alert').textContent).toContain('déjà été pris');
  });
});
