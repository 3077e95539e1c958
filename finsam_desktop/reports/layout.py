"""The rows of the three statements: ids, Swedish labels and how sums are formed.

Ids and labels follow domain/redovisning.md (they are the JSON contract). An account
row ('row') gets its amount from the accounts that carry that row id; a sum ('sum') is
the plain sum of the rows it names.
"""

from __future__ import annotations

from .model import ROW, SUM

# (id, label, kind, parts of a sum)
RESULTATRAKNING: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("verksamhetens_intakter", "Verksamhetens intäkter", ROW, ()),
    ("verksamhetens_kostnader", "Verksamhetens kostnader", ROW, ()),
    ("avskrivningar", "Avskrivningar", ROW, ()),
    ("verksamhetens_nettokostnader", "Verksamhetens nettokostnader", SUM,
     ("verksamhetens_intakter", "verksamhetens_kostnader", "avskrivningar")),
    ("skatteintakter", "Skatteintäkter", ROW, ()),
    ("generella_statsbidrag_och_utjamning", "Generella statsbidrag och utjämning", ROW, ()),
    ("verksamhetens_resultat", "Verksamhetens resultat", SUM,
     ("verksamhetens_nettokostnader", "skatteintakter", "generella_statsbidrag_och_utjamning")),
    ("finansiella_intakter", "Finansiella intäkter", ROW, ()),
    ("finansiella_kostnader", "Finansiella kostnader", ROW, ()),
    ("resultat_efter_finansiella_poster", "Resultat efter finansiella poster", SUM,
     ("verksamhetens_resultat", "finansiella_intakter", "finansiella_kostnader")),
    ("extraordinara_poster", "Extraordinära poster", ROW, ()),
    ("arets_resultat", "Årets resultat", SUM, ("resultat_efter_finansiella_poster", "extraordinara_poster")),
)

BALANSRAKNING: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("immateriella_anlaggningstillgangar", "Immateriella anläggningstillgångar", ROW, ()),
    ("materiella_anlaggningstillgangar", "Materiella anläggningstillgångar", ROW, ()),
    ("finansiella_anlaggningstillgangar", "Finansiella anläggningstillgångar", ROW, ()),
    ("summa_anlaggningstillgangar", "Summa anläggningstillgångar", SUM,
     ("immateriella_anlaggningstillgangar", "materiella_anlaggningstillgangar",
      "finansiella_anlaggningstillgangar")),
    ("forrad", "Förråd m.m.", ROW, ()),
    ("fordringar", "Fordringar", ROW, ()),
    ("kortfristiga_placeringar", "Kortfristiga placeringar", ROW, ()),
    ("kassa_och_bank", "Kassa och bank", ROW, ()),
    ("summa_omsattningstillgangar", "Summa omsättningstillgångar", SUM,
     ("forrad", "fordringar", "kortfristiga_placeringar", "kassa_och_bank")),
    ("summa_tillgangar", "Summa tillgångar", SUM, ("summa_anlaggningstillgangar", "summa_omsattningstillgangar")),
    ("arets_resultat", "Årets resultat", ROW, ()),
    ("ovrigt_eget_kapital", "Övrigt eget kapital", ROW, ()),
    ("summa_eget_kapital", "Summa eget kapital", SUM, ("arets_resultat", "ovrigt_eget_kapital")),
    ("avsattningar", "Avsättningar", ROW, ()),
    ("langfristiga_skulder", "Långfristiga skulder", ROW, ()),
    ("kortfristiga_skulder", "Kortfristiga skulder", ROW, ()),
    ("summa_eget_kapital_avsattningar_och_skulder", "Summa eget kapital, avsättningar och skulder", SUM,
     ("summa_eget_kapital", "avsattningar", "langfristiga_skulder", "kortfristiga_skulder")),
)

KASSAFLODESANALYS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("arets_resultat", "Årets resultat", ROW, ()),
    ("justering_for_ej_likviditetspaverkande_poster", "Justering för ej likviditetspåverkande poster", ROW, ()),
    ("medel_fran_verksamheten_fore_forandring_av_rorelsekapital",
     "Medel från verksamheten före förändring av rörelsekapital", SUM,
     ("arets_resultat", "justering_for_ej_likviditetspaverkande_poster")),
    ("okning_minskning_forrad", "Ökning(−)/minskning(+) förråd", ROW, ()),
    ("okning_minskning_kortfristiga_fordringar", "Ökning(−)/minskning(+) kortfristiga fordringar", ROW, ()),
    ("okning_minskning_kortfristiga_skulder", "Ökning(+)/minskning(−) kortfristiga skulder", ROW, ()),
    ("kassaflode_fran_den_lopande_verksamheten", "Kassaflöde från den löpande verksamheten", SUM,
     ("medel_fran_verksamheten_fore_forandring_av_rorelsekapital", "okning_minskning_forrad",
      "okning_minskning_kortfristiga_fordringar", "okning_minskning_kortfristiga_skulder")),
    ("kassaflode_fran_investeringsverksamheten", "Kassaflöde från investeringsverksamheten", ROW, ()),
    ("kassaflode_fran_finansieringsverksamheten", "Kassaflöde från finansieringsverksamheten", ROW, ()),
    ("arets_kassaflode", "Årets kassaflöde", SUM,
     ("kassaflode_fran_den_lopande_verksamheten", "kassaflode_fran_investeringsverksamheten",
      "kassaflode_fran_finansieringsverksamheten")),
    ("likvida_medel_vid_arets_borjan", "Likvida medel vid årets början", ROW, ()),
    ("likvida_medel_vid_arets_slut", "Likvida medel vid årets slut", ROW, ()),
)

LAYOUTS = {"resultatrakning": RESULTATRAKNING, "balansrakning": BALANSRAKNING,
           "kassaflodesanalys": KASSAFLODESANALYS}
TITLES = {"resultatrakning": "Resultaträkning", "balansrakning": "Balansräkning",
          "kassaflodesanalys": "Kassaflödesanalys"}

ASSET_ROWS = ("immateriella_anlaggningstillgangar", "materiella_anlaggningstillgangar",
              "finansiella_anlaggningstillgangar", "forrad", "fordringar", "kortfristiga_placeringar",
              "kassa_och_bank")
LIABILITY_ROWS = ("avsattningar", "langfristiga_skulder", "kortfristiga_skulder")
FIXED_ASSET_ROWS = ASSET_ROWS[:3]


def with_sums(layout, leaves: dict[str, int]) -> dict[str, int]:
    """Every row's amount: the given account rows, sums computed in layout order."""
    out: dict[str, int] = {}
    for rid, _label, kind, parts in layout:
        out[rid] = sum(out[p] for p in parts) if kind == SUM else leaves.get(rid, 0)
    return out
