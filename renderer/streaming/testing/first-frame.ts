/**
 * Polls `framesDecoded` every 10 ms until the first video frame is decoded, for the pages that time
 * how long a call takes to show the other side. Returns the moment (ms since the epoch), null until then.
 */
export function watchFirstFrame(framesDecoded: () => Promise<number>): () => number | null {
  let firstFrameAt: number | null = null;
  const poll = setInterval(() => {
    void framesDecoded().then((frames) => {
      if (frames > 0 && firstFrameAt === null) {
        firstFrameAt = Date.now();
        clearInterval(poll);
      }
    });
  }, 10);
  return () => firstFrameAt;
}
