"""What the referrals tell the rest of Signpost, as Django signals.

Both are sent inside the transaction that changes the referral, so a receiver's writes are
stored with it or not at all; analytics keeps its anonymous ReferralEvent from them.

`referral_submitted`: a referral was stored; sent with `referral` and `visit` (the visit key,
portal.visits, that the visitor's searches carry too; or "").
`referral_outcome_changed`: a referral was closed with an outcome, or reopened (outcome "");
sent with `referral`.
`referral_progressed`: a referral's status (or, for a referral passed to a partner, its
partner's answer) changed; sent with `referral` after every such change, so analytics can
keep the times to first contact and to closing.
`referrer_notified`: a notification to the person who referred (accepted, closed) has been
sent by the outbox worker; sent with `referral` and `kind` (the outbox message kind).
"""

from django.dispatch import Signal

referral_submitted = Signal()
referral_outcome_changed = Signal()
referral_progressed = Signal()
referrer_notified = Signal()
