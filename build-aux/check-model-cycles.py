#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails if the model's modules include each other in a cycle.

A module is a .c file with its .h (and -private.h), in any folder of model/;
module A depends on B
when A's .c or .h includes B's header. Prints a cycle for each back edge
of a depth-first search: none printed means none exists.
Usage: build-aux/check-model-cycles.py [MODEL_DIR]"""

import os
import re
import sys

model = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'model')
include = re.compile(r'^#include "(dml-[a-z0-9-]+)\.h"', re.M)


def module(name):
    return name[:-len('-private')] if name.endswith('-private') else name


paths = [os.path.join(folder, f) for folder, _, names in os.walk(model) for f in names if f.endswith(('.c', '.h'))]
modules = {module(os.path.splitext(os.path.basename(p))[0]) for p in paths}
edges = {m: set() for m in modules}
for path in paths:
    source = module(os.path.splitext(os.path.basename(path))[0])
    with open(path, encoding='utf-8') as text:
        for name in include.findall(text.read()):
            target = module(name)
            if target != source and target in modules:
                edges[source].add(target)

cycles = []
state = {}


def visit(node, path):
    state[node] = 'open'
    path.append(node)
    for target in sorted(edges[node]):
        if state.get(target) == 'open':
            cycles.append(path[path.index(target):] + [target])
        elif target not in state:
            visit(target, path)
    path.pop()
    state[node] = 'done'


for node in sorted(modules):
    if node not in state:
        visit(node, [])

for cycle in cycles:
    print('include cycle: ' + ' → '.join(cycle))
print(f'{len(modules)} modules, {sum(len(e) for e in edges.values())} dependencies, {len(cycles)} cycles')
sys.exit(1 if cycles else 0)
