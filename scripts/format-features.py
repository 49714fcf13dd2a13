#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Formats data/features.json in its hand-written style: one feature per block, the identifying keys
# on the first line, every other key on a line of its own, list items one per line.
import json, sys
def dump(v): return json.dumps(v, ensure_ascii=False)
def fmt(path):
    d = json.load(open(path))
    out = ['{', '  "schemaVersion": %s,' % dump(d['schemaVersion']), '  "kind": %s,' % dump(d['kind']), '  "features": [']
    blocks = []
    head = ['id', 'category', 'label', 'lay']
    for f in d['features']:
        lines = ['    {' + ', '.join('%s: %s' % (dump(k), dump(f[k])) for k in head if k in f)]
        for k, v in f.items():
            if k in head: continue
            if isinstance(v, list) and v and isinstance(v[0], dict):
                items = ',\n'.join('       ' + dump(x) for x in v)
                lines.append('     %s: [\n%s]' % (dump(k), items))
            else:
                lines.append('     %s: %s' % (dump(k), dump(v)))
        blocks.append(',\n'.join(lines) + '}')
    out.append(',\n'.join(blocks))
    if 'readAs' in d:
        out.append('  ],')
        out.append('  "readAs": [')
        out.append(',\n'.join('    ' + dump(x) for x in d['readAs']))
    out.append('  ]')
    out.append('}')
    open(path, 'w').write('\n'.join(out) + '\n')
fmt(sys.argv[1])
