"""Prints, as JSON keyed by file, the openai SDK names each Python sample uses: what it imports from `openai`,
the options it passes to OpenAI(...), and every attribute it reads on something that is not a
standard-library module. tests/unit/course/samples.test.ts checks them against the allowlist."""
import ast
import json
import sys

STDLIB = {"json", "os", "re", "time", "urllib", "sys"}


def names(path):
    tree = ast.parse(open(path).read())
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
    return {"imports": sorted(imports), "options": sorted(options), "attributes": sorted(attributes)}


# One process for every file: starting Python is the slow part.
print(json.dumps({path: names(path) for path in sys.argv[1:]}))
