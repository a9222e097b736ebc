import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrescriptionLine } from '../common/consultation/prescription';
import { PrescriptionDraft } from '../common/signaling/messages';
import { emptyLine, PrescriptionEditor, toDraft } from './PrescriptionEditor';

function Harness({ onLines }: { onLines(lines: PrescriptionLine[]): void }) {
  const [lines, setLines] = useState<PrescriptionLine[]>([emptyLine()]);
  return (
    <PrescriptionEditor
      lines={lines}
      onChange={(next) => {
        setLines(next);
        onLines(next);
      }}
    />
  );
}

afterEach(cleanup);

describe('PrescriptionEditor', () => {
  it('edits structured lines, adds and removes them, and yields a valid draft', () => {
    let lines: PrescriptionLine[] = [];
    render(<Harness onLines={(l) => (lines = l)} />);
    fireEvent.change(screen.getByTestId('rx-item-0'), { target: { value: 'Paracétamol 1 g' } });
    fireEvent.change(screen.getByTestId('rx-dosage-0'), { target: { value: '1 comprimé 3 fois par jour' } });
    fireEvent.change(screen.getByTestId('rx-duration-0'), { target: { value: '5 jours' } });
    fireEvent.change(screen.getByTestId('rx-notes-0'), { target: { value: 'si douleur' } });
    fireEvent.click(screen.getByTestId('rx-add'));
    fireEvent.change(screen.getByTestId('rx-item-1'), { target: { value: 'Ibuprofène 400 mg' } });
    fireEvent.click(screen.getByTestId('rx-add'));
    expect(screen.getAllByTestId('rx-line')).toHaveLength(3);
    fireEvent.click(screen.getByTestId('rx-remove-1'));
    expect(screen.getAllByTestId('rx-line')).toHaveLength(2);
    const draft = toDraft(lines);
    expect(draft).toEqual({
      lines: [
        { item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours', notes: 'si douleur' },
      ],
    });
    expect(PrescriptionDraft.safeParse(draft).success).toBe(true);
  });

  it('gives no prescription when no line has an item, and trims the fields', () => {
    expect(toDraft([emptyLine(), { item: '  ', dosage: 'x', duration: '', notes: '' }])).toBeNull();
    expect(toDraft([{ item: ' Amoxicilline ', dosage: ' 1 g ', duration: '', notes: '' }])).toEqual({
      lines: [{ item: 'Amoxicilline', dosage: '1 g', duration: '', notes: '' }],
    });
  });

  it('locks the fields while the call is ending', () => {
    render(<PrescriptionEditor lines={[emptyLine()]} onChange={() => {}} disabled />);
    expect(screen.getByTestId<HTMLInputElement>('rx-item-0').disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>('rx-add').disabled).toBe(true);
  });
});
