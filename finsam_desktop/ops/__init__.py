"""Core operations: every change a user can make, one function each.

An operation takes the open `Book` first, opens the one transaction it needs and returns
plain data. The desktop program and the `finsam` command call these and never open a
transaction or decide a rule themselves.
"""
