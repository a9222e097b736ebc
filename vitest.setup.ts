import { setLogLevel } from './common/util/logger';

// Tests assert on behaviour, not on log lines; KIOSK_LOG_LEVEL=debug shows them when debugging.
setLogLevel(process.env.KIOSK_LOG_LEVEL ?? 'silent');
