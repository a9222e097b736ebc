import type { KioskApi } from '../../../common/ipc/contract';

/** Fetches a recorded check's certificate from the kiosk and hands it to the browser as a PDF download. */
export async function downloadCertificate(api: KioskApi, calibrationId: string): Promise<void> {
  const file = await api.getCalibrationCertificate({ calibrationId });
  const bytes = Uint8Array.from(atob(file.pdfBase64), (c) => c.charCodeAt(0));
  offerDownload(new Blob([bytes], { type: 'application/pdf' }), file.fileName);
}

/** Fetches a device's calibration register from the kiosk and hands it to the browser as a CSV download. */
export async function downloadRegister(api: KioskApi, deviceId: string): Promise<void> {
  const file = await api.getCalibrationRegister({ deviceId });
  offerDownload(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }), file.fileName);
}

function offerDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
