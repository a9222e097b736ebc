import { describe, expect, it } from 'vitest';
import { composeNote, emptyNote, parseNote } from './structured-note';

describe('the structured note', () => {
  it('goes into the report as headed plain text and comes back as sections', () => {
    const note = { ...emptyNote(), reason: 'Fièvre', examination: 'SpO2 97 %\nGorge rouge', conclusion: 'Angine' };
    const text = composeNote(note);
    expect(text).toBe('[Motif]\nFièvre\n\n[Examen]\nSpO2 97 %\nGorge rouge\n\n[Conclusion]\nAngine');
    expect(parseNote(text)).toEqual(note);
  });

  it('leaves an older free-text note as it was', () => {
    expect(parseNote('Examen à distance, pas de signe de gravité.')).toBeNull();
    expect(composeNote(emptyNote())).toBe('');
  });
});
