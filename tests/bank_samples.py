"""Bank statement files for the tests, written by hand from the ISO 20022 camt.053 schema
and from the CSV layouts the Swedish banks document for their exports."""

CAMT_02 = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>SEB-20210201-0001</MsgId>
      <CreDtTm>2021-02-01T06:00:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>2021-01-1930</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>2021-02-01T06:00:00</CreDtTm>
      <FrToDt><FrDtTm>2021-01-01T00:00:00</FrDtTm><ToDtTm>2021-01-31T23:59:59</ToDtTm></FrToDt>
      <Acct>
        <Id><IBAN>SE3550000000054910000003</IBAN></Id>
        <Ccy>SEK</Ccy>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="SEK">100000.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2021-01-01</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="SEK">349375.50</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2021-01-31</Dt></Dt>
      </Bal>
      <Ntry>
        <NtryRef>1</NtryRef>
        <Amt Ccy="SEK">250000.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2021-01-15</Dt></BookgDt>
        <ValDt><Dt>2021-01-15</Dt></ValDt>
        <AcctSvcrRef>SEB2021011500001</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <RltdPties><Dbtr><Nm>Försäkringskassan</Nm></Dbtr></RltdPties>
          <RmtInf><Ustrd>Driftbidrag kvartal 1</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="SEK">624.50</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2021-01-29</Dt></BookgDt>
        <ValDt><Dt>2021-01-31</Dt></ValDt>
        <AcctSvcrRef>SEB2021012900002</AcctSvcrRef>
        <AddtlNtryInf>BANKAVGIFT JANUARI</AddtlNtryInf>
      </Ntry>
      <Ntry>
        <Amt Ccy="SEK">50.00</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>PDNG</Sts>
        <BookgDt><Dt>2021-01-31</Dt></BookgDt>
        <AddtlNtryInf>Reserverat kortköp</AddtlNtryInf>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
"""

# Version 08, two accounts, structured OCR reference, Pty-wrapped names.
CAMT_08 = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
<BkToCstmrStmt>
<GrpHdr><MsgId>NDEA-1</MsgId><CreDtTm>2021-03-01T05:00:00+01:00</CreDtTm></GrpHdr>
<Stmt>
 <Id>NDEA-2021-02-A</Id>
 <CreDtTm>2021-03-01T05:00:00+01:00</CreDtTm>
 <FrToDt><FrDtTm>2021-02-01T00:00:00+01:00</FrDtTm><ToDtTm>2021-02-28T23:59:59+01:00</ToDtTm></FrToDt>
 <Acct><Id><IBAN>SE3550000000054910000003</IBAN></Id><Ccy>SEK</Ccy></Acct>
 <Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="SEK">349375.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2021-01-31</Dt></Dt></Bal>
 <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="SEK">337875.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2021-02-28</Dt></Dt></Bal>
 <Ntry>
  <Amt Ccy="SEK">11500.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
  <BookgDt><Dt>2021-02-10</Dt></BookgDt><ValDt><Dt>2021-02-10</Dt></ValDt>
  <AcctSvcrRef>NDEA20210210A1</AcctSvcrRef>
  <NtryDtls><TxDtls>
   <Refs><EndToEndId>LEV-4711</EndToEndId></Refs>
   <RltdPties><Cdtr><Pty><Nm>Kramfors kommun</Nm></Pty></Cdtr></RltdPties>
   <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>4711000123</Ref></CdtrRefInf></Strd></RmtInf>
  </TxDtls></NtryDtls>
 </Ntry>
</Stmt>
<Stmt>
 <Id>NDEA-2021-02-B</Id>
 <FrToDt><FrDtTm>2021-02-01T00:00:00</FrDtTm><ToDtTm>2021-02-28T23:59:59</ToDtTm></FrToDt>
 <Acct><Id><Othr><Id>3300-1234567</Id></Othr></Id><Ccy>SEK</Ccy></Acct>
 <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="SEK">5000</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2021-02-01</Dt></Dt></Bal>
 <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="SEK">5012.5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2021-02-28</Dt></Dt></Bal>
 <Ntry>
  <Amt Ccy="SEK">12.5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
  <BookgDt><Dt>2021-02-28</Dt></BookgDt>
  <AcctSvcrRef>NDEA20210228B1</AcctSvcrRef>
  <AddtlNtryInf>RÄNTA</AddtlNtryInf>
 </Ntry>
</Stmt>
</BkToCstmrStmt>
</Document>
"""

# Handelsbanken: semicolon, decimal comma, Windows-1252, oldest first.
HANDELSBANKEN = ("Reskontradatum;Transaktionsdatum;Text;Belopp;Saldo\r\n"
                 "2021-01-15;2021-01-15;FÖRSÄKRINGSKASSAN;250 000,00;350 000,00\r\n"
                 "2021-01-29;2021-01-29;BANKAVGIFT;-624,50;349 375,50\r\n").encode("cp1252")

# Swedbank: a title line, comma-separated, decimal point, UTF-8.
SWEDBANK = ("* Transaktionsrapport Period 2021-01-01 – 2021-01-31 Skapad 2021-02-01 08:00 CET\n"
            "Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,Valutadag,"
            "Referens,Beskrivning,Belopp,Bokfört saldo\n"
            "1,8327,9123456789,Företagskonto,SEK,2021-01-15,2021-01-15,2021-01-15,\"Q1\",\"Försäkringskassan\","
            "250000.00,350000.00\n"
            "2,8327,9123456789,Företagskonto,SEK,2021-01-29,2021-01-29,2021-01-29,\"\",\"Bankavgift\",-624.50,"
            "349375.50\n").encode("utf-8")

# Nordea: semicolon, newest first, dates with slashes.
NORDEA = ("Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Saldo;Valuta\n"
          "2021/01/29;-624,50;;;;Bankavgift;349375,50;SEK\n"
          "2021/01/15;250000,00;;;Försäkringskassan;Driftbidrag;350000,00;SEK\n").encode("utf-8")

# SEB: semicolon, Verifikationsnummer as the bank's reference.
SEB = ("Bokföringsdatum;Valutadatum;Verifikationsnummer;Text;Belopp;Saldo\n"
       "2021-01-15;2021-01-15;5484381424;FÖRSÄKRINGSKASSAN;250000,00;350000,00\n"
       "2021-01-29;2021-01-31;5484381425;BANKAVGIFT;-624,50;349375,50\n").encode("utf-8")
