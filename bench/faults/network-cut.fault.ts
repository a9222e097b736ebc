import { sleep, systemClock } from '../../common/util/clock';
import { run } from '../../e2e/network/netns';
import { runCallFault } from './call-under-fault';
import type { FaultResult } from './fault';

/** How long the line stays down: longer than a blip, shorter than ICE's 30 s consent timeout. */
const CUT_SECONDS = 10;

/**
 * The pharmacy's line cut for 10 s mid-call: the kiosk's link is taken down at the platform's end
 * (the kiosk sees its carrier go, as when the router loses the line) and brought back up. A reading
 * is recorded every 500 ms throughout; lost is a reading the doctor never got, duplicated one it got
 * twice.
 */
export default async function networkCut(): Promise<FaultResult> {
  const tally = await runCallFault({
    intervalMs: 500,
    async inject(hosts) {
      const { ns } = hosts.net.platform;
      run('ip', ['-n', ns, 'link', 'set', hosts.net.kioskLinkOnPlatform, 'down']);
      await sleep(systemClock, CUT_SECONDS * 1000);
      run('ip', ['-n', ns, 'link', 'set', hosts.net.kioskLinkOnPlatform, 'up']);
    },
  });
  return {
    name: 'the network cut for 10 s mid-call',
    injected: `the kiosk's link down for ${CUT_SECONDS} s (a namespace's veth), ${tally.sent} readings recorded over the call`,
    lost: tally.lost,
    duplicated: tally.duplicated,
    checks: `kiosk call states: ${tally.kioskStates}; video decoding again on both sides ${tally.backAfterSeconds.toFixed(1)} s after the link came back`,
  };
}
