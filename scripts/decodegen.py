#!/usr/bin/env python3
"""decodegen: turn a .decode pattern table into a C instruction decoder.

Usage:
    python3 scripts/decodegen.py [--record] [--decoder NAME] -o OUT.inc IN.decode [IN2.decode ...]

Input files are read in the order given and behave as one concatenated table.

.decode syntax
--------------
* `#` starts a comment that runs to the end of the line; blank lines are ignored.
  A line ending in `\\` continues on the next line.
* One pattern per line:

      NAME  TOKEN...  [CLAUSE...]  [=> TRANS]

  NAME is an identifier ([A-Za-z_][A-Za-z0-9_]*) used in messages and comments.
  TRANS names the trans function (trans_TRANS) and its argument struct (arg_TRANS);
  it defaults to NAME.
* TOKENs describe the instruction word from bit 31 down to bit 0 and must total
  exactly 32 bits:
      - a run of literal bits: `0`, `1`, and `-` or `.` for "don't care",
        e.g. `11010100`, `000--1`;
      - an unsigned field `name:N` (N bits, 1..32), stored as uint32_t;
      - a signed field `name:sN` (N bits, sign-extended), stored as int64_t.
  A field name may appear only once among a pattern's tokens.
* CLAUSEs come after the bit tokens:
      - `name=CONST`: put a constant in the args (decimal, 0x hex or 0b binary,
        optionally negative).  Lets several encodings share one trans function.
      - `name=a:b[:c...]`: concatenation.  The new field is the bits of field a
        (most significant) followed by those of b, c...; its signedness is that of
        a, its width the sum of the widths.  The component fields are consumed:
        they do not appear in the args struct.  E.g. ADR:
            ADR  0 immlo:2 10000 immhi:s19 rd:5   imm=immhi:immlo
* Patterns with the same TRANS share one `arg_TRANS` struct holding the union of
  their fields (in order of first appearance); a field a pattern does not set is 0.
  A field is int64_t if it is signed in any pattern (signed field, signed
  concatenation or negative constant); a field that is an extracted unsigned field
  in one pattern and signed in another is an error.  Constant-only fields are
  uint32_t unless negative.
* Patterns are tried in file order and the first match wins, so more specific
  encodings must come before general ones.  The decoder returns the trans
  function's result (false = UNDEFINED); it never tries later patterns after a
  match.  A pattern that can never match because an earlier one covers all of its
  encodings is reported as an error.

Output (C include file; the includer defines `DisasContext` before including it)
------
* `typedef struct { ... } arg_TRANS;` per trans.
* `static bool trans_TRANS(DisasContext *ctx, arg_TRANS *a);` prototypes.
* `static bool decode_a64(DisasContext *ctx, uint32_t insn)` (name set by
  --decoder): switches on insn bits [28:25] (A64 op0), then compares
  mask/value in file order within each case, extracts fields and calls trans.
  A pattern whose bits [28:25] are not all fixed goes into every case it can hit.

--record: instead of prototypes, define every trans_TRANS so that it records the
match into the context and returns true.  Contract for the includer:

    typedef struct DisasContext {
        const char *name;             /* set to "TRANS" of the matched pattern */
        int64_t fields[16];           /* fields[i] = value of field i (as int64_t) */
        const char *field_names[16];  /* field_names[i] = its name */
        int nfields;                  /* number of fields in arg_TRANS */
    } DisasContext;

  Fields are recorded in arg_TRANS order (all of them, unset ones as 0); entries
  at index >= nfields are left untouched.  Structs with more than 16 fields are an
  error in --record mode.

Errors in the input are printed as `FILE:LINE: message` and exit status is 1.
"""

import argparse
import re
import sys

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
FIELD_TOK = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(s?)([0-9]+)\Z")
BITS_TOK = re.compile(r"[01.\-]+\Z")
CLAUSE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(\S+)\Z")
CONST = re.compile(r"-?(0x[0-9a-fA-F]+|0b[01]+|[0-9]+)\Z")

OP0_SHIFT = 25          # A64 op0 lives in bits [28:25]
OP0_MASK = 0xF << OP0_SHIFT
MAX_RECORD_FIELDS = 16


class DecodeError(Exception):
    def __init__(self, where, msg):
        super().__init__(f"{where}: {msg}")


class Field:
    """An extracted bit field: bits [pos+len-1:pos] of the instruction."""

    def __init__(self, name, pos, length, signed):
        self.name, self.pos, self.len, self.signed = name, pos, length, signed


class Pattern:
    def __init__(self, where, name):
        self.where = where
        self.name = name
        self.trans = name
        self.mask = 0
        self.value = 0
        self.fields = {}     # name -> Field (bit fields from tokens)
        self.concats = {}    # name -> list of Field, most significant first
        self.consts = {}     # name -> int
        self.order = []      # arg field names in order of appearance

    def signed_of(self, fname):
        if fname in self.fields:
            return self.fields[fname].signed
        if fname in self.concats:
            return self.concats[fname][0].signed
        return self.consts[fname] < 0


class Trans:
    def __init__(self, name):
        self.name = name
        self.fields = []         # ordered names
        self.signed = {}         # name -> bool
        self.kind = {}           # name -> "extract" / "const" (first seen, for messages)


def parse_const(text):
    neg = text.startswith("-")
    body = text[1:] if neg else text
    if body.startswith(("0x", "0X")):
        v = int(body[2:], 16)
    elif body.startswith("0b"):
        v = int(body[2:], 2)
    else:
        v = int(body, 10)
    return -v if neg else v


def parse_pattern(where, text):
    words = text.split()
    if not IDENT.match(words[0]):
        raise DecodeError(where, f"bad pattern name '{words[0]}'")
    pat = Pattern(where, words[0])
    rest = words[1:]
    if "=>" in rest:
        i = rest.index("=>")
        if i != len(rest) - 2 or not IDENT.match(rest[-1]):
            raise DecodeError(where, "'=>' must be followed by exactly one trans name at the end")
        pat.trans = rest[-1]
        rest = rest[:i]

    pos = 32            # next bit to fill is pos-1
    clauses_started = False
    for tok in rest:
        m_field = FIELD_TOK.match(tok)
        m_clause = CLAUSE.match(tok)
        if m_clause and not m_field:
            clauses_started = True
            parse_clause(pat, where, m_clause.group(1), m_clause.group(2))
            continue
        if clauses_started:
            raise DecodeError(where, f"bit token '{tok}' after a name=value clause")
        if m_field:
            fname, sflag, width = m_field.group(1), m_field.group(2), int(m_field.group(3))
            if width < 1 or width > 32:
                raise DecodeError(where, f"field '{fname}' has invalid width {width}")
            if fname in pat.fields:
                raise DecodeError(where, f"field '{fname}' appears twice (use name=a:b to concatenate)")
            pos -= width
            if pos < 0:
                raise DecodeError(where, f"pattern has more than 32 bits (at field '{fname}')")
            pat.fields[fname] = Field(fname, pos, width, sflag == "s")
            pat.order.append(fname)
        elif BITS_TOK.match(tok):
            for ch in tok:
                pos -= 1
                if pos < 0:
                    raise DecodeError(where, f"pattern has more than 32 bits (at '{tok}')")
                if ch in "01":
                    pat.mask |= 1 << pos
                    if ch == "1":
                        pat.value |= 1 << pos
        else:
            raise DecodeError(where, f"unknown syntax '{tok}'")
    if pos != 0:
        raise DecodeError(where, f"pattern has {32 - pos} bits, expected 32")

    # Fields consumed by a concatenation are not arguments themselves.
    used = {f.name for parts in pat.concats.values() for f in parts}
    pat.order = [n for n in pat.order if n not in used]
    return pat


def parse_clause(pat, where, name, rhs):
    if name in pat.fields or name in pat.consts or name in pat.concats:
        raise DecodeError(where, f"field '{name}' defined twice")
    if CONST.match(rhs):
        pat.consts[name] = parse_const(rhs)
        pat.order.append(name)
        return
    parts = rhs.split(":")
    if len(parts) < 2 or not all(IDENT.match(p) for p in parts):
        raise DecodeError(where, f"bad clause '{name}={rhs}': expected a constant or a:b concatenation")
    fl = []
    for p in parts:
        if p not in pat.fields:
            raise DecodeError(where, f"concatenation '{name}' uses unknown field '{p}'")
        if any(p == f.name for c in pat.concats.values() for f in c) or p in [f.name for f in fl]:
            raise DecodeError(where, f"field '{p}' used in more than one concatenation")
        fl.append(pat.fields[p])
    width = sum(f.len for f in fl)
    if width > (64 if fl[0].signed else 32):
        raise DecodeError(where, f"concatenation '{name}' is {width} bits, too wide for its C type")
    pat.concats[name] = fl
    pat.order.append(name)


def read_files(paths):
    patterns = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                lines = fh.read().split("\n")
        except OSError as e:
            print(f"{path}: {e.strerror}", file=sys.stderr)
            sys.exit(1)
        pending, start = "", 0
        for n, line in enumerate(lines, 1):
            line = line.split("#", 1)[0].rstrip()
            if not pending:
                start = n
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            line = pending + line
            pending = ""
            if line.strip():
                patterns.append(parse_pattern(f"{path}:{start}", line))
        if pending.strip():
            raise DecodeError(f"{path}:{start}", "continuation line at end of file")
    return patterns


def build_trans(patterns, record):
    trans = {}
    for pat in patterns:
        t = trans.get(pat.trans)
        if t is None:
            t = trans[pat.trans] = Trans(pat.trans)
        for fname in pat.order:
            kind = "const" if fname in pat.consts else "extract"
            s = pat.signed_of(fname)
            if fname not in t.signed:
                t.fields.append(fname)
                t.signed[fname] = s
                t.kind[fname] = kind
                continue
            if t.signed[fname] == s:
                continue
            # A constant adapts to the field's type, unless it is negative.
            if kind == "const" and not s:
                continue
            if t.kind[fname] == "const" and not t.signed[fname]:
                t.signed[fname] = s
                t.kind[fname] = kind
                continue
            raise DecodeError(pat.where, f"field '{fname}' of arg_{pat.trans} is "
                              f"{'signed' if s else 'unsigned'} here but "
                              f"{'signed' if t.signed[fname] else 'unsigned'} elsewhere")
        if record and len(t.fields) > MAX_RECORD_FIELDS:
            raise DecodeError(pat.where, f"arg_{pat.trans} has more than {MAX_RECORD_FIELDS} fields")
    return trans


def check_shadowing(patterns):
    # Later pattern P can never match if an earlier Q fixes a subset of P's fixed
    # bits with agreeing values: every word P accepts, Q accepted first.
    for i, p in enumerate(patterns):
        for q in patterns[:i]:
            if (q.mask & p.mask) == q.mask and (p.value & q.mask) == q.value:
                raise DecodeError(p.where, f"pattern {p.name} never matches: "
                                  f"{q.name} at {q.where} covers it")


def op0_cases(pat):
    """The values of insn[28:25] this pattern can match."""
    fixed = (pat.mask & OP0_MASK) >> OP0_SHIFT
    val = (pat.value & OP0_MASK) >> OP0_SHIFT
    return [c for c in range(16) if (c & fixed) == val]


def c_extract(f):
    if f.signed:
        return f"dg_sextract(insn, {f.pos}, {f.len})"
    return f"dg_extract(insn, {f.pos}, {f.len})"


def c_value(pat, fname):
    if fname in pat.fields:
        return c_extract(pat.fields[fname])
    if fname in pat.consts:
        v = pat.consts[fname]
        return f"INT64_C({v})" if v < 0 else f"{v}u"
    parts = pat.concats[fname]
    expr = None
    for f in parts:
        piece = f"(uint64_t){c_extract(f)}"
        if expr is None:
            expr = piece
        else:
            expr = f"(({expr}) << {f.len}) | {piece}"
    cast = "int64_t" if parts[0].signed else "uint32_t"
    return f"({cast})({expr})"


def generate(patterns, trans, decoder, record, srcnames):
    out = []
    w = out.append
    w(f"/* Generated by scripts/decodegen.py from {', '.join(srcnames)}; do not edit. */")
    w("#include <stdbool.h>")
    w("#include <stdint.h>")
    w("")
    w("/* Shared by every generated decoder, so that one C file may include several. */")
    w("#ifndef DECODEGEN_HELPERS")
    w("#define DECODEGEN_HELPERS")
    w("static inline __attribute__((unused)) uint32_t dg_extract(uint32_t insn, int pos, int len)")
    w("{")
    w("    return (insn >> pos) & (uint32_t)((1ull << len) - 1);")
    w("}")
    w("")
    w("static inline __attribute__((unused)) int64_t dg_sextract(uint32_t insn, int pos, int len)")
    w("{")
    w("    /* Move the field to the top of a 64-bit word, then shift it back arithmetically. */")
    w("    return (int64_t)((uint64_t)insn << (64 - pos - len)) >> (64 - len);")
    w("}")
    w("")
    w("#endif")
    w("")
    for t in trans.values():
        w("typedef struct {")
        for fname in t.fields:
            w(f"    {'int64_t' if t.signed[fname] else 'uint32_t'} {fname};")
        if not t.fields:
            w("    char unused_;  /* no fields: keep the struct non-empty for ISO C */")
        w(f"}} arg_{t.name};")
        w("")
    for t in trans.values():
        proto = f"static bool trans_{t.name}(DisasContext *ctx, arg_{t.name} *a)"
        if not record:
            w(proto + ";")
            continue
        w(proto)
        w("{")
        if not t.fields:
            w("    (void)a;")
        w(f"    ctx->name = \"{t.name}\";")
        w(f"    ctx->nfields = {len(t.fields)};")
        for i, fname in enumerate(t.fields):
            w(f"    ctx->field_names[{i}] = \"{fname}\";")
            w(f"    ctx->fields[{i}] = (int64_t)a->{fname};")
        w("    return true;")
        w("}")
        w("")
    w("")
    w(f"static __attribute__((unused)) bool {decoder}(DisasContext *ctx, uint32_t insn)")
    w("{")
    w("    switch ((insn >> 25) & 0xf) {  /* A64 op0, bits [28:25] */")
    cases = {c: [] for c in range(16)}
    for pat in patterns:
        for c in op0_cases(pat):
            cases[c].append(pat)
    for c in range(16):
        if not cases[c]:
            continue
        w(f"    case 0x{c:x}:")
        for pat in cases[c]:
            rest_mask = pat.mask & ~OP0_MASK
            rest_val = pat.value & ~OP0_MASK
            w(f"        /* {pat.name} ({pat.where}) */")
            w(f"        if ((insn & 0x{rest_mask:08x}u) == 0x{rest_val:08x}u) {{")
            t = trans[pat.trans]
            inits = [f".{fname} = {c_value(pat, fname)}" for fname in t.fields if fname in pat.order]
            if inits:
                w(f"            arg_{t.name} a = {{")
                for init in inits:
                    w(f"                {init},")
                w("            };")
            else:
                w(f"            arg_{t.name} a = {{ 0 }};")
            w(f"            return trans_{t.name}(ctx, &a);")
            w("        }")
        w("        return false;")
    w("    default:")
    w("        return false;")
    w("    }")
    w("}")
    w("")
    return "\n".join(out)


def main(argv):
    ap = argparse.ArgumentParser(description="Generate a C decoder from .decode files.")
    ap.add_argument("-o", "--output", required=True, help="output C include file")
    ap.add_argument("--decoder", default="decode_a64", help="name of the decoder function")
    ap.add_argument("--record", action="store_true",
                    help="define recording trans functions for unit tests")
    ap.add_argument("inputs", nargs="+", help=".decode files, read in order")
    args = ap.parse_args(argv)
    if not IDENT.match(args.decoder):
        print(f"decodegen: bad decoder name '{args.decoder}'", file=sys.stderr)
        return 1
    try:
        patterns = read_files(args.inputs)
        trans = build_trans(patterns, args.record)
        check_shadowing(patterns)
    except DecodeError as e:
        print(str(e), file=sys.stderr)
        return 1
    text = generate(patterns, trans, args.decoder, args.record, args.inputs)
    try:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as e:
        print(f"{args.output}: {e.strerror}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
