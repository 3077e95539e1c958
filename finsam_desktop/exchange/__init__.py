"""Exchange formats: SIE 4 in and out.

Reading is pure and returns data plus findings (errors and warnings in Swedish, each
naming file, line and field), so that a program can show a preview before writing:

    sie = sie_reader.read_sie(path)                  # SieFile: data + findings
    plan = sie_plan.plan_import(sie, book_or_None)   # ImportPlan: what would be created
    sie_import.apply_plan(plan, book)                # one transaction
    sie_import.compare_balances(sie, book)           # differences against #UB/#RES/#OUB

`sie_import.import_sie(path, into)` does all of it (a new book is built in a temporary
file and renamed into place); `sie_writer.export_sie(book, year, path)` writes SIE 4.
"""
