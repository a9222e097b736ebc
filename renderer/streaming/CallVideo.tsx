import { useEffect, useRef, type VideoHTMLAttributes } from 'react';

/**
 * A <video> showing a MediaStream from useCall (`localStream` for the patient's preview, muted;
 * `remoteStream` for the doctor). Attaches `srcObject` (React cannot) and plays it; nothing is
 * shown while the stream is null. Other props go to the <video> (className, aria-label…).
 */
export function CallVideo({
  stream,
  muted = false,
  ...rest
}: { stream: MediaStream | null; muted?: boolean } & VideoHTMLAttributes<HTMLVideoElement>) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    // Autoplay can be refused before a touch; the kiosk shell allows it, a browser may not.
    if (stream) void video.play?.()?.catch(() => {});
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted={muted} {...rest} />;
}
