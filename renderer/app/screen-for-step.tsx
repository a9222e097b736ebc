import type { FlowStep } from '../../common/flow/flow-view';
import { CabinNotReadyScreen } from '../screens/cabin-not-ready/CabinNotReadyScreen';
import { CarePathwayScreen } from '../screens/care-pathway/CarePathwayScreen';
import { AwayTicketScreen } from '../screens/away-ticket/AwayTicketScreen';
import { ConsentRefusedScreen } from '../screens/consent-refused/ConsentRefusedScreen';
import { ConsentScreen } from '../screens/consent/ConsentScreen';
import { ConsultationScreen } from '../screens/consultation/ConsultationScreen';
import { ContactScreen } from '../screens/contact/ContactScreen';
import { EmergencyStopScreen } from '../screens/emergency-stop/EmergencyStopScreen';
import { EmergencyScreen } from '../screens/emergency/EmergencyScreen';
import { EndScreen } from '../screens/end/EndScreen';
import { GoodbyeScreen } from '../screens/goodbye/GoodbyeScreen';
import { IdentifyChooseScreen } from '../screens/identify-choose/IdentifyChooseScreen';
import { IdentifyManualScreen } from '../screens/identify-manual/IdentifyManualScreen';
import { IdentifyScreen } from '../screens/identify/IdentifyScreen';
import { IdentityConfirmScreen } from '../screens/identity-confirm/IdentityConfirmScreen';
import { LocalityScreen } from '../screens/locality/LocalityScreen';
import { RatingScreen } from '../screens/rating/RatingScreen';
import { ReasonScreen } from '../screens/reason/ReasonScreen';
import { WaitingScreen } from '../screens/waiting/WaitingScreen';
import { WhenScreen } from '../screens/when/WhenScreen';
import { BookedScreen } from '../screens/booked/BookedScreen';
import { CheckInScreen } from '../screens/check-in/CheckInScreen';
import { CheckInLateScreen } from '../screens/check-in/CheckInLateScreen';

/** One screen per step (welcome is rendered by App, which owns the preferences it shows). */
export const SCREENS: Record<Exclude<FlowStep, 'welcome'>, () => React.JSX.Element> = {
  'cabin-not-ready': CabinNotReadyScreen,
  emergency: EmergencyScreen,
  'emergency-stop': EmergencyStopScreen,
  identify: IdentifyScreen,
  'identify-choose': IdentifyChooseScreen,
  'identify-manual': IdentifyManualScreen,
  'identity-confirm': IdentityConfirmScreen,
  'care-pathway': CarePathwayScreen,
  locality: LocalityScreen,
  consent: ConsentScreen,
  'consent-refused': ConsentRefusedScreen,
  reason: ReasonScreen,
  contact: ContactScreen,
  waiting: WaitingScreen,
  consultation: ConsultationScreen,
  end: EndScreen,
  rating: RatingScreen,
  goodbye: GoodbyeScreen,
  'away-ticket': AwayTicketScreen,
  when: WhenScreen,
  booked: BookedScreen,
  'check-in': CheckInScreen,
  'check-in-late': CheckInLateScreen,
};
