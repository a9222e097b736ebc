import { useEffect, useRef } from 'react';

/** A <video> showing a MediaStream (srcObject is not a React prop). */
export function VideoView({
  stream,
  muted = false,
  testId,
  label,
}: {
  stream: MediaStream | null;
  muted?: boolean;
  testId: string;
  label: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} data-testid={testId} aria-label={label} autoPlay playsInline muted={muted} />;
}
