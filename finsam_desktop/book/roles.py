"""Account roles: which account of the chart plays a part the program must know (the
bank account the bokslut reconciles, the interimsskuld account of the insatser, eget
kapital, the insatser's default cost account). Each is a setting of the book, read here
and nowhere else; the default chart writes the defaults when it is loaded."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AccountRole:
    key: str        # the setting's key in the book
    default: int    # the account of the default chart (BAS for samordningsförbund)
    label: str      # Swedish, for messages


ACCOUNT_ROLES: dict[str, AccountRole] = {
    "bank": AccountRole("bank_account", 1930, "bankkonto"),
    "accrual": AccountRole("accrual_account", 2990, "interimsskuld för insatser"),
    "equity": AccountRole("equity_account", 2010, "eget kapital"),
    "project_cost": AccountRole("project_account", 4530, "kostnadskonto för insatser"),
}


class AccountRolesMixin:
    def account_role_setting(self, role: str) -> int | None:
        """The account the book's settings name for `role`, or None when none is set."""
        value = (self.setting(ACCOUNT_ROLES[role].key) or "").strip()
        return int(value) if value.isdigit() else None

    def account_role(self, role: str) -> int:
        """The account that plays `role` (bank, accrual, equity, project_cost): the
        book's setting, else the default chart's account."""
        number = self.account_role_setting(role)
        return ACCOUNT_ROLES[role].default if number is None else number

    def set_account_role(self, role: str, number: int) -> None:
        self.set_setting(ACCOUNT_ROLES[role].key, str(int(number)))

    def _write_default_account_roles(self) -> None:
        """Inside the caller's transaction: the default chart's roles, where none is set."""
        for role in ACCOUNT_ROLES.values():
            self.conn.execute("INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)",
                              (role.key, str(role.default)))
