"""The bokslut: the kontroller before a report or a year closing (checks), closing the
year under those rules (close), and the handover package for kommunens ekonom
(handover). No Qt here: the wizard and the command line both call these."""

from __future__ import annotations
