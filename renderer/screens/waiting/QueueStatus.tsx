import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Specialty } from '../../../common/flow/care-pathway';
import type { FlowView } from '../../../common/flow/flow-view';
import { assertUnreachable } from '../../../common/util/assert-unreachable';

type Queue = FlowView['queue'];

/**
 * The patient's place and what may honestly be said of the wait, as the platform computed it
 * (server/queue/wait-estimate.ts): minutes only when doctors on duty can take the patient; with
 * none, that plainly, no number, and what the patient can do now; "a doctor is taking you" only
 * while one is accepting.
 */
export function QueueStatus({ queue, specialty }: { queue: Queue; specialty: Specialty | null }) {
  const { t } = useTranslation();
  if (!queue)
    return (
      <p className="lead" role="status" data-testid="queue">
        {t('waiting.unknown')}
      </p>
    );
  const { wait } = queue;
  switch (wait.kind) {
    case 'estimate':
      return (
        <div role="status" data-testid="queue" data-wait="estimate">
          <p>{t('waiting.position', { position: queue.position, specialty: specialtyName(t, specialty) })}</p>
          <p className="lead wait-estimate" data-testid="queue-estimate">
            {t('waiting.estimate', { minutes: wait.minutes })}
          </p>
          <p>{t('waiting.doctorsOnDuty', { doctors: wait.doctorsOnDuty })}</p>
        </div>
      );
    case 'no-doctor':
      return (
        <div role="status" data-testid="queue" data-wait="no-doctor">
          <p className="lead">{t('waiting.noDoctor.lead', { specialty: specialtyName(t, specialty) })}</p>
          <p>{t('waiting.noDoctor.choices')}</p>
          <ul className="wait-choices">
            <li>{t('waiting.noDoctor.stay')}</li>
            <li>{t('waiting.noDoctor.help', { help: t('app.help') })}</li>
            <li>{t('waiting.noDoctor.leave', { leave: t('waiting.leave') })}</li>
          </ul>
        </div>
      );
    case 'doctor-coming':
      return (
        <p className="lead" role="status" data-testid="queue" data-wait="doctor-coming">
          {t('waiting.doctorComing')}
        </p>
      );
    default:
      return assertUnreachable(wait, 'queue wait');
  }
}

/**
 * What audio guidance says on the waiting screen (and "repeat" says again): it follows the wait,
 * so a patient who cannot read the screen hears that no doctor is on duty, or the estimate.
 */
export function spokenWait(t: TFunction, queue: Queue, specialty: Specialty | null): string {
  if (!queue) return t('waiting.spoken');
  const { wait } = queue;
  switch (wait.kind) {
    case 'estimate':
      return `${t('waiting.estimate', { minutes: wait.minutes })} ${t('waiting.spoken')}`;
    case 'no-doctor':
      return [
        t('waiting.noDoctor.lead', { specialty: specialtyName(t, specialty) }),
        t('waiting.noDoctor.stay'),
        t('waiting.noDoctor.help', { help: t('app.help') }),
        t('waiting.noDoctor.leave', { leave: t('waiting.leave') }),
      ].join(' ');
    case 'doctor-coming':
      return t('waiting.doctorComing');
    default:
      return assertUnreachable(wait, 'queue wait');
  }
}

function specialtyName(t: TFunction, specialty: Specialty | null): string {
  return specialty ? t(`reason.specialties.${specialty}`) : '';
}
