"""What the referrals tell the rest of Signpost, as Django signals.

Both are sent inside the transaction that changes the referral, so a receiver's writes are
stored with it or not at all; analytics keeps its anonymous ReferralEvent from them.

`referral_submitted`: a referral was stored; sent with `referral` and `visit` (the visit key,
portal.visits, that the visitor's searches carry too; or "").
`referral_outcome_changed`: a referral was closed with an outcome, or reopened (outcome "");
sent with `referral`.
"""

from django.dispatch import Signal

referral_submitted = Signal()
referral_outcome_changed = Signal()
