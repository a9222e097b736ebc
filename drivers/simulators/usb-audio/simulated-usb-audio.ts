import type { UsbAudioProbe } from '../../devices/usb-audio-input';

/**
 * A simulated USB audio input (the stethoscope in development and tests): plugged in or not, as
 * the config's scenario says. Its sound is the browser's fake audio input named in the catalogue
 * (Chromium's --use-file-for-fake-audio-capture plays a WAV into it), so nothing is simulated here
 * but its presence.
 */
export const USB_AUDIO_SCENARIOS = ['normal', 'unplugged'] as const;
export type UsbAudioScenario = (typeof USB_AUDIO_SCENARIOS)[number];

export function isUsbAudioScenario(name: string): name is UsbAudioScenario {
  return (USB_AUDIO_SCENARIOS as readonly string[]).includes(name);
}

/** The probe of a simulated input in `scenario`. */
export function simulatedUsbAudioProbe(scenario: UsbAudioScenario): UsbAudioProbe {
  return { name: `simulated USB audio input (${scenario})`, present: async () => scenario === 'normal' };
}
