"""What every page of the bokslut wizard shares: its numbered title. A module of its own
so the pages (wizard_checks, wizard_texts, wizard_output) and the wizard that holds them
import it without importing each other."""

from __future__ import annotations

from PySide6.QtWidgets import QWizardPage

STEPS = 8


def page_title(page: QWizardPage, step: int, title: str, subtitle: str) -> None:
    page.setTitle(f"Steg {step} av {STEPS}: {title}")
    page.setSubTitle(subtitle)
