#!/usr/bin/env python3
"""Validates a schedule.json against the c3voc schema with every format check jsonschema has
(date-time via rfc3339-validator, uri via rfc3987, uuid, date, …). Exit 0 if valid; else
prints each error as `path: message` and exits 1. Used by the Swift tests."""
import json
import sys

import jsonschema

schema_path, document_path = sys.argv[1], sys.argv[2]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
with open(document_path, encoding="utf-8") as f:
    document = json.load(f)

checker = jsonschema.FormatChecker()
missing = [name for name in ("date-time", "uri", "uuid", "date") if name not in checker.checkers]
if missing:
    print(f"format checks unavailable: {missing} (pip install rfc3339-validator rfc3987)")
    sys.exit(2)
validator = jsonschema.Draft6Validator(schema, format_checker=checker)
errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
for error in errors:
    print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
sys.exit(1 if errors else 0)
