import { describe, expect, it } from 'vitest';
import { matchMediaInput } from './media-input';

describe('picking a media input by its label', () => {
  const inputs = [
    { deviceId: 'default', label: 'Fake Default Audio Input' },
    { deviceId: 'a', label: 'Fake Audio Input 1' },
    { deviceId: 'b', label: 'Fake Audio Input 2' },
    { deviceId: 'c', label: 'Thinklabs One Stethoscope Analog Mono' },
  ];

  it('takes the first input whose label holds one of the parts, whatever the case', () => {
    expect(matchMediaInput({ labels: ['Fake Audio Input 2'] }, inputs)?.deviceId).toBe('b');
    expect(matchMediaInput({ labels: ['nothing', 'STETHOSCOPE'] }, inputs)?.deviceId).toBe('c');
  });

  it('finds nothing rather than another input when no label matches (labels are empty before permission)', () => {
    expect(matchMediaInput({ labels: ['stéthoscope'] }, inputs)).toBeUndefined();
    expect(
      matchMediaInput(
        { labels: ['Fake Audio Input 2'] },
        inputs.map((i) => ({ ...i, label: '' })),
      ),
    ).toBeUndefined();
  });
});
