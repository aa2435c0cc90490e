"""Prints, as JSON, the openai SDK names a Python sample uses: what it imports from `openai`,
the options it passes to OpenAI(...), and every attribute it reads on something that is not a
standard-library module. tests/unit/course/samples.test.ts checks them against the allowlist."""
import ast
import json
import sys

STDLIB = {"json", "os", "re", "time", "urllib", "sys"}

tree = ast.parse(open(sys.argv[1]).read())
imports, options, attributes = set(), set(), set()
for node in ast.walk(tree):
    if isinstance(node, ast.ImportFrom) and node.module == "openai":
        imports.update(alias.name for alias in node.names)
    elif isinstance(node, ast.Attribute):
        base = node
        while isinstance(base, ast.Attribute):
            base = base.value
        root = base.id if isinstance(base, ast.Name) else ""
        if root == "openai":
            imports.add(node.attr)
        elif root not in STDLIB:
            attributes.add(node.attr)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "OpenAI":
        options.update(keyword.arg for keyword in node.keywords)
print(json.dumps({"imports": sorted(imports), "options": sorted(options), "attributes": sorted(attributes)}))
