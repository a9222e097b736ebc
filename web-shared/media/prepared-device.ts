import { Device } from 'mediasoup-client';
import { loadDevice, type MediaSignaling } from './media-transport';

/**
 * The mediasoup Device of one side, made once and loaded with the routers' capabilities ahead of
 * the call (a waiting kiosk, a signed-in doctor), so the accept does not wait for it; kept across
 * signalling reconnections. A failed load is forgotten: the next prepare() asks again (a platform
 * that answers only inside a call answers from the room). A browser without WebRTC rejects.
 */
export class PreparedDevice {
  private device: Device | null = null;
  private loading: Promise<Device> | null = null;

  constructor(private readonly create: () => Device = () => new Device()) {}

  /** The loaded Device: now, or once the load under way (or a new one over `signaling`) ends. */
  prepare(signaling: MediaSignaling): Promise<Device> {
    try {
      this.device ??= this.create();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const device = this.device;
    if (device.loaded) return Promise.resolve(device);
    this.loading ??= loadDevice(device, signaling).then(
      () => device,
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }
}
