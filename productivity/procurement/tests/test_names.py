from productivity.procurement import names


def test_spellings_of_one_name_normalise_alike():
    spellings = ["Acme Services Ltd", "ACME SERVICES LIMITED", "Acme Services Ltd.", "acme  services",
                 "The Acme Services Limited", "Acme Services PLC", "Acme-Services Ltd"]
    assert {names.normalised(name) for name in spellings} == {"acme services"}
    assert names.normalised("Marks & Spencer plc") == names.normalised("Marks and Spencer Public Limited Company")
    assert names.normalised("Limited") == "limited"  # a name that is only a suffix stays a name
    assert names.normalised("Acme Group Ltd") != names.normalised("Acme Ltd")


def test_redacted_names():
    for name in ["REDACTED", "Redacted", "Name withheld", "Redacted - personal data", "NAME WITHHELD"]:
        assert names.is_redacted(name), name
    assert not names.is_redacted("Redwood Ltd")


def test_identifiers_compare_without_spaces_and_prefixes():
    assert names.vat_number("GB 812 3112 85") == names.vat_number("812311285") == "812311285"
    assert names.company_number("1234567") == "01234567"
    assert names.company_number("sc123456") == "SC123456"
