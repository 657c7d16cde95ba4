//===- Tokenizer.h - byte-level BPE tokenizer of the runtime ----*- C++ -*-===//
//
// Encodes text to token ids and back exactly as the HF `tokenizers` library
// does for a byte-level BPE model (GPT-2 style, GGUF tokenizer.ggml.model =
// "gpt2"):
//
//   1. control / user-defined token texts are cut out of the text first
//      (leftmost-longest match) and map to their ids;
//   2. the rest is split by the pre-tokenizer regexes (PreTokenizer.h);
//   3. each piece's bytes start as one byte-level token each and are merged
//      pairwise, lowest merge rank first, leftmost on ties.
//
// Decoding concatenates the tokens' raw bytes; `decode` then replaces
// ill-formed UTF-8 by U+FFFD, and StreamDecoder hands out text as it becomes
// complete characters.
//
// The runtime links neither LLVM nor MLIR: this uses the C++ standard library
// and PCRE2 only, and reports errors by return value.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_TOKENIZER_TOKENIZER_H
#define SINKRT_TOKENIZER_TOKENIZER_H

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sinkrt {

class PreTokenizer;

/// GGUF's tokenizer.ggml.token_type values.
enum TokenType : int32_t {
  TokenTypeUndefined = 0,
  TokenTypeNormal = 1,
  TokenTypeUnknown = 2,
  TokenTypeControl = 3,
  TokenTypeUserDefined = 4,
  TokenTypeUnused = 5,
  TokenTypeByte = 6,
};

/// What a compiled package carries about its tokenizer (filled from GGUF
/// metadata or tokenizer.json).
struct TokenizerData {
  std::string kind;                    ///< "gpt2" = byte-level BPE (the only kind so far)
  std::vector<std::string> tokens;     ///< id -> token text, byte-level spelled
  std::vector<int32_t> tokenTypes;     ///< TokenType per id; may be empty
  std::vector<std::string> merges;     ///< "left right" in rank order
  std::vector<std::string> preRegexes; ///< split regexes, applied in sequence
  int32_t bos = -1, eos = -1, unk = -1, pad = -1;
  bool addBos = false;
  /// A piece that is a whole vocabulary token is taken as is, without
  /// merging (HF BPE `ignore_merges`; llama.cpp sets it for Llama 3).
  bool ignoreMerges = false;
  /// The token a byte without a token of its own becomes (HF BPE
  /// `unk_token`); -1 drops such bytes, as HF does without one. GGUF's
  /// `unk` is not used for this: the oracle (and so llama.cpp's files)
  /// do not.
  int32_t bpeUnk = -1;
};

class Tokenizer {
public:
  /// Validates `data` and builds the tables. On failure returns null and sets
  /// `*error` (when given) to what is wrong.
  static std::unique_ptr<Tokenizer> create(TokenizerData data, std::string *error);
  ~Tokenizer();
  Tokenizer(const Tokenizer &) = delete;
  Tokenizer &operator=(const Tokenizer &) = delete;

  /// Token ids of `text` (any bytes; ill-formed UTF-8 is encoded byte by
  /// byte). `addBos` prepends BOS when the vocabulary has one. User-defined
  /// token texts always map to their ids; control token texts do only with
  /// `parseSpecial` (llama.cpp's tokenizer_st_partition), else they are
  /// ordinary text. Thread-safe.
  std::vector<int32_t> encode(std::string_view text, bool addBos, bool parseSpecial) const;

  /// The text of `ids`: their bytes, ill-formed UTF-8 replaced by U+FFFD.
  /// Ids outside the vocabulary are skipped; `skipSpecial` skips control
  /// tokens too.
  std::string decode(const std::vector<int32_t> &ids, bool skipSpecial = false) const;

  /// Raw bytes of one token ("" for an id outside the vocabulary). Tokens
  /// that are not byte-level spelled (e.g. "<|im_start|>" in a vocabulary
  /// that spells it so) are their UTF-8 text.
  std::string tokenBytes(int32_t id) const;

  int32_t vocabSize() const { return int32_t(data.tokens.size()); }
  /// Whether `id` is a control token (decode's skipSpecial drops it).
  bool isControl(int32_t id) const;
  /// The id of a token text, or -1.
  int32_t tokenId(std::string_view text) const;
  int32_t bos() const { return data.bos; }
  int32_t eos() const { return data.eos; }
  bool addsBos() const { return data.addBos; }

private:
  Tokenizer() = default;
  /// Appends the BPE ids of one piece (raw bytes).
  void encodePiece(std::string_view piece, std::vector<int32_t> &out) const;
  /// Appends the ids of text that holds no special token.
  void encodeOrdinary(std::string_view text, std::vector<int32_t> &out,
                      std::unordered_map<std::string, std::vector<int32_t>> &cache) const;
  /// The longest special token (user-defined, or control when `control`)
  /// at `text[pos]`: its id and length, or {-1, 0}.
  std::pair<int32_t, size_t> matchSpecial(std::string_view text, size_t pos, bool control) const;

  enum SpecialKind : uint8_t { SpecialNone, SpecialUser, SpecialControl };
  struct MergeEntry {
    int32_t rank;
    int32_t result;
  };

  TokenizerData data;
  std::unique_ptr<PreTokenizer> pre;
  std::vector<std::string> bytesOf;                   ///< id -> raw bytes
  std::unordered_map<std::string, int32_t> idOfText;  ///< token text -> first id
  std::unordered_map<std::string, int32_t> idOfBytes; ///< byte-level tokens' raw bytes -> id
  int32_t byteId[256];                                ///< id of each single byte, or -1
  std::unordered_map<uint64_t, MergeEntry> mergeOf;   ///< (left << 32 | right) -> merge
  std::vector<SpecialKind> specialKind;               ///< id -> special or not
  /// Special tokens by first byte, longest first.
  std::vector<int32_t> specialsByFirstByte[256];
};

/// Turns ids into text one at a time without ever splitting a UTF-8
/// character: push returns only complete characters and holds back the
/// start of one that the next token may finish. Ill-formed bytes come out
/// as U+FFFD as soon as they are known to be ill-formed, so the
/// concatenation of every push and the final flush equals
/// Tokenizer::decode of all the ids.
class StreamDecoder {
public:
  explicit StreamDecoder(const Tokenizer &t, bool skipSpecial = false)
      : tok(t), skipSpecial(skipSpecial) {}
  /// The complete characters that `id` finishes.
  std::string push(int32_t id);
  /// Whatever is held back (a cut-off character becomes U+FFFD); resets.
  std::string flush();
  /// Bytes held back, waiting for the rest of a character.
  size_t pending() const { return held.size(); }

private:
  const Tokenizer &tok;
  bool skipSpecial;
  std::string held;
};

} // namespace sinkrt

#endif // SINKRT_TOKENIZER_TOKENIZER_H
