"""The participant side: Voila pages where teams fill their reflection forms, with no code."""

from refocus_kit.participant.identity import Visit, read_visit
from refocus_kit.participant.page import ParticipantPage, participant_page

__all__ = ["ParticipantPage", "Visit", "participant_page", "read_visit"]
