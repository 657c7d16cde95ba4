#!/usr/bin/env python3
"""What `sinkc run --temp 0` and `sinkc eval` must print for the toy package
of build/bin/sinkrt-toy-package (test/runtime/toy/ToyPackageTool.cpp), computed
here without the runtime: the toy model of kernels/toy_kernels.c in float64
(its values are small multiples of 1/2, so float32 kernels give the same
logits exactly), the toy tokenizer, greedy sampling with the lowest id on
ties, Python's incremental UTF-8 decoder for streaming, and stop strings on
the text.

  toy_reference.py generate (--prompt TEXT | --prompt-file F) [-n N] [--ctx C] [--streaming]
                   [--eos ID] [--bos ID] [--no-bos] [--stop S ...] [--ids]
  toy_reference.py perplexity --text FILE [--ctx C] [--max-tokens N] [--streaming]

`generate` prints exactly the stdout of `sinkc run`; `perplexity` prints
the "tokens scored" and "perplexity" lines of `sinkc eval`.
"""
import argparse
import codecs
import math
import sys

VOCAB, HIDDEN, MODEL_CONTEXT = 8, 4, 16
SINKS, WINDOW = 2, 3
# Raw bytes of each token; 7 is the control token "<|end|>".
TOKEN_BYTES = [b"h", b"\xa9", b"!", b"\xc3", b" ", b"e", b"\n", b"<|end|>"]
CONTROL = {7}


def embd(v, j):
    return float((v * 3 + j * 5) % 7 - 3)


def lm_head(r, j):
    return float((r * 2 + j * 3) % 5 - 2)


class Model:
    """The toy model one token at a time, with a full or a sinks + window cache."""

    def __init__(self, streaming):
        self.streaming = streaming
        self.keys = {}   # slot -> key (the value is key / 2)
        self.position = 0

    def step(self, token):
        p = self.position
        self.position += 1
        slot = p if not self.streaming or p < SINKS else SINKS + (p - SINKS) % WINDOW
        self.keys[slot] = [embd(token, d) for d in range(HIDDEN)]
        valid = min(p + 1, SINKS + WINDOW) if self.streaming else p + 1
        s = [sum((v + 1) * self.keys[v][d] + self.keys[v][d] * 0.5 for v in range(valid))
             for d in range(HIDDEN)]
        return [sum(lm_head(r, j) * s[j] for j in range(HIDDEN)) for r in range(VOCAB)]


def tokenize(data: bytes, parse_special: bool):
    """Byte-level BPE without merges: one token per byte; bytes without a
    token are dropped; "<|end|>" is its control token with parse_special."""
    ids, i = [], 0
    while i < len(data):
        if parse_special and data.startswith(TOKEN_BYTES[7], i):
            ids.append(7)
            i += len(TOKEN_BYTES[7])
            continue
        byte = data[i:i + 1]
        if byte in TOKEN_BYTES[:7]:
            ids.append(TOKEN_BYTES.index(byte))
        i += 1
    return ids


def argmax(logits):
    return max(range(len(logits)), key=lambda r: (logits[r], -r))


def first_stop(text: bytes, stops):
    """(start, end) of the stop string that completes first, or None."""
    best = None
    for stop in stops:
        start = text.find(stop)
        if start >= 0 and (best is None or (start + len(stop), start) < (best[1], best[0])):
            best = (start, start + len(stop))
    return best


def generate(args):
    if args.prompt_file:
        with open(args.prompt_file, "rb") as f:
            text = f.read()
    else:
        text = args.prompt.encode()
    prompt = tokenize(text, parse_special=True)
    if args.bos is not None and not args.no_bos:
        prompt = [args.bos] + prompt
    ctx = args.ctx or MODEL_CONTEXT
    model = Model(args.streaming)
    for token in prompt:
        logits = model.step(token)
    stops = [s.encode() for s in args.stop]
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    text, ids = b"", []
    for i in range(args.n):
        token = argmax(logits)
        if token == args.eos:
            break
        ids.append(token)
        if token not in CONTROL:
            text += decoder.decode(TOKEN_BYTES[token]).encode()
        if first_stop(text, stops):
            break
        if i + 1 == args.n or (not args.streaming and model.position >= ctx):
            break
        logits = model.step(token)
    text += decoder.decode(b"", final=True).encode()
    stop = first_stop(text, stops)
    if stop:
        text = text[:stop[0]]
    out = sys.stdout.buffer
    if args.ids:
        out.write((" ".join(map(str, ids)) + "\n").encode() if ids else b"")
    else:
        out.write(text)


def perplexity(args):
    with open(args.text, "rb") as f:
        ids = tokenize(f.read(), parse_special=False)
    if args.max_tokens:
        ids = ids[:args.max_tokens]
    # sinkc eval's default: windows of 512 tokens, or the model's context if shorter.
    window = args.ctx or min(512, MODEL_CONTEXT)
    nll, scored = 0.0, 0
    for begin in range(0, len(ids) - 1, window):
        part = ids[begin:begin + window]
        if len(part) < 2:
            break
        model = Model(args.streaming)
        for i in range(len(part) - 1):
            logits = model.step(part[i])
            m = max(logits)
            nll += m + math.log(sum(math.exp(x - m) for x in logits)) - logits[part[i + 1]]
            scored += 1
    print(f"tokens scored: {scored}")
    print(f"perplexity: {math.exp(nll / scored):.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    source = g.add_mutually_exclusive_group(required=True)
    source.add_argument("--prompt")
    source.add_argument("--prompt-file")
    g.add_argument("-n", type=int, default=64)
    g.add_argument("--ctx", type=int, default=0)
    g.add_argument("--streaming", action="store_true")
    g.add_argument("--eos", type=int, default=7)
    g.add_argument("--bos", type=int)
    g.add_argument("--no-bos", action="store_true")
    g.add_argument("--stop", action="append", default=[])
    g.add_argument("--ids", action="store_true")
    p = sub.add_parser("perplexity")
    p.add_argument("--text", required=True)
    p.add_argument("--ctx", type=int)
    p.add_argument("--max-tokens", type=int, default=0)
    p.add_argument("--streaming", action="store_true")
    args = parser.parse_args()
    generate(args) if args.command == "generate" else perplexity(args)


if __name__ == "__main__":
    main()
