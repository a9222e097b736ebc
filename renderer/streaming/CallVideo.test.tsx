import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CallVideo } from './CallVideo';

describe('CallVideo', () => {
  it('attaches the stream to the video element and follows changes', () => {
    const first = { id: 'a' } as unknown as MediaStream;
    const second = { id: 'b' } as unknown as MediaStream;
    const { container, rerender } = render(<CallVideo stream={first} muted aria-label="Vous" />);
    const video = container.querySelector('video')!;
    expect(video.srcObject).toBe(first);
    expect(video.muted).toBe(true);
    expect(video.getAttribute('aria-label')).toBe('Vous');
    rerender(<CallVideo stream={second} muted aria-label="Vous" />);
    expect(video.srcObject).toBe(second);
    rerender(<CallVideo stream={null} />);
    expect(video.srcObject).toBeNull();
  });
});
