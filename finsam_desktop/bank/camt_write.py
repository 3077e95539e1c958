"""Write statements as camt.053 (001.02 or 001.08): the demo book's statement, test
files and benchmark files are written here and read back by `camt.parse_camt053`."""

from __future__ import annotations

from xml.sax.saxutils import escape

from .model import Statement


def _amt(ore: int, ccy: str) -> str:
    return f'<Amt Ccy="{ccy}">{abs(ore) // 100}.{abs(ore) % 100:02d}</Amt>' \
           f"<CdtDbtInd>{'CRDT' if ore >= 0 else 'DBIT'}</CdtDbtInd>"


def write_camt053(statements: list[Statement], *, version: str = "08", msg_id: str = "FINSAM-1",
                  created: str = "2026-01-02T08:00:00") -> bytes:
    v08 = version >= "08"
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}">',
           "<BkToCstmrStmt>",
           f"<GrpHdr><MsgId>{escape(msg_id)}</MsgId><CreDtTm>{created}</CreDtTm></GrpHdr>"]
    for n, st in enumerate(statements, 1):
        ccy = st.currency or "SEK"
        acct = (f"<IBAN>{escape(st.account_id)}</IBAN>" if st.account_id[:2].isalpha()
                else f"<Othr><Id>{escape(st.account_id)}</Id></Othr>")
        out.append(f"<Stmt><Id>{escape(st.statement_ref or f'STMT-{n}')}</Id><CreDtTm>{created}</CreDtTm>")
        out.append(f"<FrToDt><FrDtTm>{st.date_from}T00:00:00</FrDtTm><ToDtTm>{st.date_to}T23:59:59</ToDtTm></FrToDt>")
        out.append(f"<Acct><Id>{acct}</Id><Ccy>{ccy}</Ccy></Acct>")
        for code, amount, day in (("OPBD", st.opening, st.date_from), ("CLBD", st.closing, st.date_to)):
            if amount is not None:
                out.append(f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>{_amt(amount, ccy)}"
                           f"<Dt><Dt>{day}</Dt></Dt></Bal>")
        for ln in st.lines:
            sts = "<Sts><Cd>BOOK</Cd></Sts>" if v08 else "<Sts>BOOK</Sts>"
            ref = f"<AcctSvcrRef>{escape(ln.reference)}</AcctSvcrRef>" if ln.reference else ""
            party = ""
            if ln.counterparty:
                role = "Dbtr" if ln.amount > 0 else "Cdtr"
                name = f"<Nm>{escape(ln.counterparty)}</Nm>"
                party = f"<RltdPties><{role}>{f'<Pty>{name}</Pty>' if v08 else name}</{role}></RltdPties>"
            rmt = ""
            if ln.ocr:
                rmt = (f"<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
                       f"<Ref>{escape(ln.ocr)}</Ref></CdtrRefInf></Strd></RmtInf>")
            elif ln.text:
                rmt = f"<RmtInf><Ustrd>{escape(ln.text)}</Ustrd></RmtInf>"
            out.append(f"<Ntry>{_amt(ln.amount, ccy)}{sts}<BookgDt><Dt>{ln.booking_date}</Dt></BookgDt>"
                       f"<ValDt><Dt>{ln.value_date or ln.booking_date}</Dt></ValDt>{ref}"
                       f"<NtryDtls><TxDtls>{party}{rmt}</TxDtls></NtryDtls>"
                       + (f"<AddtlNtryInf>{escape(ln.text)}</AddtlNtryInf>" if ln.ocr and ln.text else "")
                       + "</Ntry>")
        out.append("</Stmt>")
    out.append("</BkToCstmrStmt></Document>")
    return "\n".join(out).encode("utf-8")
