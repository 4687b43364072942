"""Read a YAML file into plain data, remembering the line of every value.

Legal and HR edit these files by hand; an error that names the line is the
difference between a fix and a support ticket.
"""
from __future__ import annotations

import datetime as dt

import yaml


class PolicyError(Exception):
    """One problem in one policy file, with the line where it is."""

    def __init__(self, file: str, line: int | None, reason: str):
        super().__init__(f"{file}:{line or 1}: {reason}")
        self.file = file
        self.line = line or 1
        self.reason = reason

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "reason": self.reason}


def load_yaml(text: str, file: str) -> tuple[object, dict[tuple, int]]:
    """Parse YAML; return the data and a map from value path to 1-based line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct opened (an unclosed
        # bracket or quote); that is the line the editor needs to look at.
        problem_mark = getattr(exc, "problem_mark", None)
        mark = getattr(exc, "context_mark", None) or problem_mark
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        if context and problem_mark and mark is not problem_mark:
            problem = f"{context} (line {line}), {problem} on line {problem_mark.line + 1}"
        raise PolicyError(file, line, f"not valid YAML: {problem}") from None
    if root is None:
        return {}, {(): 1}
    lines: dict[tuple, int] = {}
    constructor = yaml.SafeLoader("")
    data = _build(root, (), lines, constructor, file)
    return data, lines


def _build(node, path, lines, constructor, file):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _build(key_node, path + ("<key>",), {}, constructor, file)
            if key == "<<":
                raise PolicyError(file, key_node.start_mark.line + 1, "YAML merge keys ('<<') are not supported")
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise PolicyError(file, key_node.start_mark.line + 1, f"'{key}' is given twice")
            value = _build(value_node, path + (key,), lines, constructor, file)
            # "rules:" with nothing under it means "no rules", not an error.
            if value is not None:
                out[key] = value
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines, constructor, file) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
        # YAML 1.1 reads yes/no/on/off as booleans; in a word list "off" is a word.
        return node.value
    value = constructor.construct_object(node, deep=True)
    if isinstance(value, (dt.date, dt.datetime)):
        # Keep dates as the text the editor wrote; the schema checks the format.
        return node.value
    return value


def line_of(lines: dict[tuple, int], path) -> int:
    """The line of the deepest known value on a path."""
    path = tuple(path)
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)
