"""What the portal tells the rest of Signpost, as Django signals (higher layers listen;
the portal never imports them).

`information_rated`: a visitor answered "Was it easy to find information about support?"
(ASCOF 3D, portal.information_ease); sent with `request`, `answer` (an `InformationEase`
code), `page_kind` (a `PageKind` code) and `visit` (the visit key, portal.visits). Nothing
else about the visitor is sent.
"""

from django.dispatch import Signal

information_rated = Signal()
