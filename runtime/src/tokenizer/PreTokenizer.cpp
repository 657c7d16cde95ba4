//===- PreTokenizer.cpp - regex splitting before BPE ----------------------===//

#include "tokenizer/PreTokenizer.h"

#include "tokenizer/Utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace sinkrt {
namespace {

struct CodeDeleter {
  void operator()(pcre2_code *c) const { pcre2_code_free(c); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data *m) const { pcre2_match_data_free(m); }
};
using CodePtr = std::unique_ptr<pcre2_code, CodeDeleter>;
using MatchDataPtr = std::unique_ptr<pcre2_match_data, MatchDataDeleter>;

std::string pcre2Message(int code) {
  PCRE2_UCHAR buf[256];
  int n = pcre2_get_error_message(code, buf, sizeof(buf));
  if (n < 0)
    return "PCRE2 error " + std::to_string(code);
  return std::string(reinterpret_cast<const char *>(buf), size_t(n));
}

/// Bytes to skip past an empty match at `pos`: one character (one byte of
/// ill-formed input).
size_t charLength(std::string_view s, size_t pos) {
  utf8::Step st = utf8::step(s, pos);
  return st.kind == utf8::StepKind::Valid ? st.length : 1;
}

/// Index past the `\Q...\E` quote starting at `p[i]` (p[i+1] == 'Q').
size_t skipQuote(std::string_view p, size_t i) {
  size_t e = p.find("\\E", i + 2);
  return e == std::string_view::npos ? p.size() : e + 2;
}

pcre2_code *compile(std::string_view pattern, int &code, PCRE2_SIZE &offset) {
  // MATCH_INVALID_UTF: ill-formed input is matched (as never matching)
  // rather than rejected, so any byte string can be encoded.
  uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
  return pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &code,
                       &offset, nullptr);
}

struct ContextDeleter {
  void operator()(pcre2_match_context *c) const { pcre2_match_context_free(c); }
};
struct JitStackDeleter {
  void operator()(pcre2_jit_stack *s) const { pcre2_jit_stack_free(s); }
};

/// Runs one compiled regex. The default JIT stack (32 KiB) overflows on
/// backtracking over very long runs (a megabyte of spaces, a long word in a
/// group repetition); such a match is retried with a large JIT stack, then
/// with the interpreter and raised limits, so a long input is never cut at
/// a resource limit where the oracle would have matched.
class Matcher {
public:
  explicit Matcher(const pcre2_code *code)
      : code(code), md(pcre2_match_data_create_from_pattern(code, nullptr)) {}

  /// pcre2_match's result; the match is at ovector()[0..1].
  int match(std::string_view s, size_t pos) {
    auto run = [&](uint32_t options, pcre2_match_context *ctx) {
      return pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), pos, options,
                         md.get(), ctx);
    };
    int rc = run(0, nullptr);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
      rc = run(0, bigContext());
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_MATCHLIMIT ||
        rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT)
      rc = run(PCRE2_NO_JIT, bigContext());
    return rc;
  }
  const PCRE2_SIZE *ovector() const { return pcre2_get_ovector_pointer(md.get()); }

private:
  pcre2_match_context *bigContext() {
    if (!ctx) {
      ctx.reset(pcre2_match_context_create(nullptr));
      stack.reset(pcre2_jit_stack_create(32 * 1024, 256 * 1024 * 1024, nullptr));
      pcre2_jit_stack_assign(ctx.get(), nullptr, stack.get());
      pcre2_set_match_limit(ctx.get(), UINT32_MAX);
      pcre2_set_depth_limit(ctx.get(), UINT32_MAX);
      pcre2_set_heap_limit(ctx.get(), UINT32_MAX);
    }
    return ctx.get();
  }

  const pcre2_code *code;
  MatchDataPtr md;
  std::unique_ptr<pcre2_match_context, ContextDeleter> ctx;
  std::unique_ptr<pcre2_jit_stack, JitStackDeleter> stack;
};

} // namespace

std::string adaptSpaceClass(std::string_view p) {
  std::string out;
  out.reserve(p.size() + 32);
  for (size_t i = 0; i < p.size();) {
    if (p[i] != '\\' || i + 1 == p.size()) {
      out += p[i++];
      continue;
    }
    // Escapes go pairwise, so "\\s" stays a backslash and an 's'.
    char e = p[i + 1];
    if (e == 'Q') {
      size_t end = skipQuote(p, i);
      out.append(p.substr(i, end - i));
      i = end;
      continue;
    }
    if (e == 's')
      out += "\\p{White_Space}";
    else if (e == 'S')
      out += "\\P{White_Space}";
    else
      out.append(p.substr(i, 2));
    i += 2;
  }
  return out;
}

struct PreTokenizer::Impl {
  std::vector<CodePtr> codes;
};

PreTokenizer::PreTokenizer(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
PreTokenizer::~PreTokenizer() = default;

std::unique_ptr<PreTokenizer> PreTokenizer::create(const std::vector<std::string> &regexes,
                                                   std::string *error) {
  auto impl = std::make_unique<Impl>();
  for (size_t i = 0; i < regexes.size(); ++i) {
    int code = 0;
    PCRE2_SIZE offset = 0;
    // The user's pattern first, so that errors point into it.
    pcre2_code *c = compile(regexes[i], code, offset);
    if (c) {
      std::string adapted = adaptSpaceClass(regexes[i]);
      if (adapted != regexes[i]) {
        int code2 = 0;
        PCRE2_SIZE offset2 = 0;
        if (pcre2_code *c2 = compile(adapted, code2, offset2)) {
          pcre2_code_free(c);
          c = c2;
        }
      }
    }
    if (!c) {
      if (error)
        *error = "pre-tokenizer regex " + std::to_string(i) + " '" + regexes[i] +
                 "': " + pcre2Message(code) + " at offset " + std::to_string(offset);
      return nullptr;
    }
    // JIT is an optimization only: without it (unsupported platform) the
    // interpreter gives the same matches.
    (void)pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
    impl->codes.emplace_back(c);
  }
  return std::unique_ptr<PreTokenizer>(new PreTokenizer(std::move(impl)));
}

void PreTokenizer::split(std::string_view text, std::vector<Span> &out) const {
  std::vector<Span> pieces;
  if (!text.empty())
    pieces.push_back({0, text.size()});
  std::vector<Span> next;
  for (const CodePtr &code : impl->codes) {
    Matcher matcher(code.get());
    next.clear();
    next.reserve(pieces.size() * 2);
    for (Span piece : pieces) {
      std::string_view s = text.substr(piece.offset, piece.length);
      auto emit = [&](size_t b, size_t e) {
        if (e > b)
          next.push_back({piece.offset + b, e - b});
      };
      size_t gapStart = 0, pos = 0;
      while (pos <= s.size()) {
        if (matcher.match(s, pos) < 0) // no further match: the rest is a gap
          break;
        const PCRE2_SIZE *ov = matcher.ovector();
        size_t b = ov[0], e = ov[1];
        if (e <= b) {
          // An empty match isolates nothing; search again one character on
          // (as Oniguruma's find_iter, which the oracle uses, does).
          if (b >= s.size())
            break;
          pos = b + charLength(s, b);
          continue;
        }
        emit(gapStart, b);
        emit(b, e);
        gapStart = pos = e;
      }
      emit(gapStart, s.size());
    }
    pieces.swap(next);
  }
  out.insert(out.end(), pieces.begin(), pieces.end());
}

} // namespace sinkrt
