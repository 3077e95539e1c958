"""Finsam Bokföring: bookkeeping and annual reports for Swedish samordningsförbund."""

__version__ = "0.1.0"
