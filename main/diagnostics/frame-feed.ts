import type { DeviceFrame } from '../../common/devices/diagnostics';
import type { Clock } from '../../common/util/clock';
import type { DecodedFrame } from '../../drivers/protocols/types';
import { toDeviceFrame } from './device-diagnostics';

/** What the feed needs of the running device manager: its decoded frames. */
export interface FrameSource {
  on(event: 'frameDecoded', listener: (deviceId: string, frame: DecodedFrame) => void): unknown;
  off(event: 'frameDecoded', listener: (deviceId: string, frame: DecodedFrame) => void): unknown;
}

/**
 * The running device manager's frames, for the technician's monitor and `kioskctl monitor`: each
 * subscriber gets one device's frames (hex beside decoding) until it unsubscribes. Nothing is kept.
 */
export class FrameFeed {
  constructor(
    private readonly source: FrameSource,
    private readonly clock: Clock,
  ) {}

  subscribe(deviceId: string, listener: (frame: DeviceFrame) => void): () => void {
    const onFrame = (id: string, frame: DecodedFrame) => {
      if (id === deviceId) listener(toDeviceFrame(id, frame, new Date(this.clock.now())));
    };
    this.source.on('frameDecoded', onFrame);
    return () => void this.source.off('frameDecoded', onFrame);
  }
}
