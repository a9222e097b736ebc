import { EXAM_CAMERA_EN, EXAM_CAMERA_FR } from './i18n-exam-camera';

/** The appointments' strings (issue 17), merged into the console's table (i18n.ts). */
export const APPOINTMENTS_FR = {
  'appt.title': 'Mes rendez-vous',
  'appt.booked': 'Rendez-vous',
  'appt.plan': 'Créneaux réservables',
  'appt.length': 'Durée (min)',
  'appt.from': 'De',
  'appt.to': 'À',
  'appt.days': 'Jours',
  'appt.publish': 'Publier les créneaux',
  'appt.published': 'Créneaux publiés.',
  'appt.failed': 'La plateforme a refusé ou ne répond pas.',
  'appt.none': 'Aucun rendez-vous dans les 7 prochains jours.',
  'appt.cancel': 'Annuler',
  'appt.status.booked': 'réservé',
  'appt.status.checked-in': 'arrivé — en salle d’attente',
  'appt.status.missed': 'patient en retard : créneau perdu',
  'appt.status.cancelled': 'annulé',
  'appt.day.1': 'Lun',
  'appt.day.2': 'Mar',
  'appt.day.3': 'Mer',
  'appt.day.4': 'Jeu',
  'appt.day.5': 'Ven',
  'appt.day.6': 'Sam',
  'appt.day.7': 'Dim',
};

export const APPOINTMENTS_EN: typeof APPOINTMENTS_FR = {
  'appt.title': 'My appointments',
  'appt.booked': 'Appointment',
  'appt.plan': 'Bookable slots',
  'appt.length': 'Length (min)',
  'appt.from': 'From',
  'appt.to': 'To',
  'appt.days': 'Days',
  'appt.publish': 'Publish the slots',
  'appt.published': 'Slots published.',
  'appt.failed': 'The platform refused or does not answer.',
  'appt.none': 'No appointment in the next 7 days.',
  'appt.cancel': 'Cancel',
  'appt.status.booked': 'booked',
  'appt.status.checked-in': 'arrived — in the waiting room',
  'appt.status.missed': 'patient late: slot lost',
  'appt.status.cancelled': 'cancelled',
  'appt.day.1': 'Mon',
  'appt.day.2': 'Tue',
  'appt.day.3': 'Wed',
  'appt.day.4': 'Thu',
  'appt.day.5': 'Fri',
  'appt.day.6': 'Sat',
  'appt.day.7': 'Sun',
};

/** The panels' strings (the examination camera's and the appointments'), as i18n.ts merges them. */
export const PANELS_FR = { ...EXAM_CAMERA_FR, ...APPOINTMENTS_FR };
export const PANELS_EN = { ...EXAM_CAMERA_EN, ...APPOINTMENTS_EN };
