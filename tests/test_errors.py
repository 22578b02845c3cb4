"""The error catalogue: every code an exception class names has a message, and codes are unique."""

from __future__ import annotations

import ast
import inspect

from sitrep import errors


def test_errors_every_class_code_has_a_message() -> None:
    for _, cls in inspect.getmembers(errors, inspect.isclass):
        if issubclass(cls, errors.SitrepError) and cls.code != errors.SitrepError.code:
            assert hasattr(errors.Messages, cls.code), cls.__name__


def test_errors_message_codes_are_defined_once() -> None:
    tree = ast.parse(inspect.getsource(errors.Messages))
    names = [
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
