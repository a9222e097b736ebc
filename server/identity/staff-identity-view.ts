import { birthplaceByCode, birthplaceLabel } from '../../common/identity/birthplaces';
import type { IdentityCheckView, StaffIdentityView } from '../../common/identity/identity-check';

/** A session's identity as the pharmacist and the doctor are sent it: the birthplace named, not only coded. */
export function staffIdentityView(view: IdentityCheckView): StaffIdentityView {
  const place = birthplaceByCode(view.identity.traits.birthplaceCode);
  return { ...view, birthplace: place ? birthplaceLabel(place) : null };
}
