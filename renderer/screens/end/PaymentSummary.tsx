import { useTranslation } from 'react-i18next';
import type { FlowView } from '../../../common/flow/flow-view';
import { formatEuros } from '../../components/format';

/**
 * The one amount to pay now and why (common/flow/reimbursement.ts paymentFor): tiers payant or
 * the fee advanced and reimbursed later, and where the participation forfaitaire goes — never a
 * second amount that could read as another sum to pay.
 */
export function PaymentSummary({ payment }: { payment: NonNullable<FlowView['payment']> }) {
  const { t, i18n } = useTranslation();
  const euros = (amount: number) => formatEuros(amount, i18n.language);
  const participation = euros(payment.participationEuros);
  return (
    <section aria-labelledby="end-pay" data-testid="payment">
      <h2 id="end-pay">{t('end.payNow')}</h2>
      <p className="amount" data-testid="payment-amount">
        {euros(payment.amountDueEuros)}
      </p>
      <p data-testid="payment-why">
        {payment.tiersPayant
          ? t('end.why.tiersPayant', { percent: payment.ratePercent })
          : t('end.why.advance', {
              fee: euros(payment.feeEuros),
              refund: euros(payment.reimbursedLaterEuros),
              percent: payment.ratePercent,
            })}
      </p>
      {payment.participationEuros > 0 && (
        <p data-testid="payment-participation">
          {payment.tiersPayant
            ? t('end.why.participationLater', { amount: participation })
            : t('end.why.participationWithheld', { amount: participation })}
        </p>
      )}
    </section>
  );
}
