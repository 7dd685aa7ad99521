package dev.baton.pipeline.view;

/** An action a person may take on a promotion now; surfaces show a button only for these. */
public enum Offer {
  /** Give an approval: an eligible approver who has not approved yet, while it waits for them. */
  APPROVE,
  /** Say no: an approver other than the requester, before it runs. */
  REJECT,
  /** Take back one's own request, before it runs. */
  WITHDRAW,
  /** Request the promotion of this deployment's release into the next link. */
  PROMOTE_NEXT
}
