//===- Tokenizer.h - BPE tokenizers of the runtime --------------*- C++ -*-===//
//
// Encodes text to token ids and back exactly as the HF `tokenizers` library
// does for the two BPE families of decoder LLMs.
//
// Byte-level BPE (kind "gpt2": GPT-2, Llama 3, Qwen, SmolLM):
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
// SentencePiece BPE (kind "llama": Llama 1/2, Mistral, TinyLlama; Spm.cpp):
// special tokens are cut out as above; in each text between them spaces
// become "▁" (U+2581) and a "▁" is prepended (SpmOptions); its characters
// start as one token each (a character without a token becomes its <0xNN>
// byte tokens) and merge by rank: tokenizer.json's merges, or for GGUF's
// scores the merges transformers derives from them (highest-scoring token
// first). Decoding turns "▁" into spaces, runs of byte tokens into their
// UTF-8 (an ill-formed run into one U+FFFD per byte, as HF's ByteFallback
// decoder does) and strips the leading space.
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

/// How a SentencePiece tokenizer prepares each text between special tokens
/// and decodes (package_format.h kSpm* bits). The defaults are Llama 2's and
/// Mistral's: llama.cpp's add_space_prefix, or tokenizer.json's
/// Prepend("▁") + Replace(" ", "▁") normalizer and Strip decoder.
struct SpmOptions {
  enum class Prefix : uint8_t {
    None,   ///< no "▁" added
    Every,  ///< "▁" before every non-empty text
    First,  ///< only before the text at offset 0, unless it starts with one
    Always, ///< before every text unless it starts with one (HF Metaspace)
  };
  Prefix prefix = Prefix::Every;
  bool split = false;        ///< split at each "▁" before merging (HF Metaspace split)
  bool byteFallback = true;  ///< characters without a token become <0xNN> tokens
  uint8_t stripLeading = 1;  ///< decode strips up to this many leading spaces

  /// From a tokenizer section's option bits (kTokenizerHasSpmOptions).
  static SpmOptions fromBits(uint32_t bits);
  uint32_t toBits() const;
};

/// What a compiled package carries about its tokenizer (filled from GGUF
/// metadata or tokenizer.json).
struct TokenizerData {
  std::string kind;                    ///< "gpt2" (byte-level BPE) or "llama" (SentencePiece BPE)
  std::vector<std::string> tokens;     ///< id -> token text, byte-level spelled ("gpt2")
  std::vector<int32_t> tokenTypes;     ///< TokenType per id; may be empty
  std::vector<std::string> merges;     ///< "left right" in rank order
  /// One per token or empty. A "llama" tokenizer without merges (GGUF)
  /// merges by them; "gpt2" ignores them.
  std::vector<float> scores;
  SpmOptions spm;                      ///< "llama" only
  std::vector<std::string> preRegexes; ///< split regexes, applied in sequence
  int32_t bos = -1, eos = -1, unk = -1, pad = -1;
  bool addBos = false;
  /// A piece that is a whole vocabulary token is taken as is, without
  /// merging (HF BPE `ignore_merges`; llama.cpp sets it for Llama 3).
  bool ignoreMerges = false;
  /// The token a byte without a token of its own becomes (HF BPE
  /// `unk_token`); -1 drops such bytes, as HF does without one. GGUF's
  /// `unk` is not used for this by "gpt2": the oracle (and so llama.cpp's
  /// files) do not. "llama" falls back to `unk` when this is -1, as
  /// transformers' GGUF conversion does; consecutive unknown characters
  /// become one (HF fuse_unk).
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
  /// that spells it so) are their UTF-8 text. SentencePiece: "▁" is a
  /// space, <0xNN> its byte.
  std::string tokenBytes(int32_t id) const;

  int32_t vocabSize() const { return int32_t(data.tokens.size()); }
  /// Whether `id` is a control token (decode's skipSpecial drops it).
  bool isControl(int32_t id) const;
  /// The id of a token text, or -1.
  int32_t tokenId(std::string_view text) const;
  int32_t bos() const { return data.bos; }
  int32_t eos() const { return data.eos; }
  bool addsBos() const { return data.addBos; }
  /// Whether this is a SentencePiece tokenizer (kind "llama").
  bool isSpm() const { return spm; }
  /// SentencePiece: the byte a <0xNN> token stands for, else -1.
  int spmByte(int32_t id) const { return spm && id >= 0 && id < vocabSize() ? spmByteOf[id] : -1; }
  /// Leading spaces decoding strips (SentencePiece; 0 for byte-level BPE).
  unsigned stripLeading() const { return spm ? data.spm.stripLeading : 0; }

private:
  Tokenizer() = default;
  /// Merges `symbols` (ids, left to right) by rank, leftmost on ties, and
  /// appends the result.
  void merge(const std::vector<int32_t> &symbols, std::vector<int32_t> &out) const;
  /// Appends the BPE ids of one piece (raw bytes).
  void encodePiece(std::string_view piece, std::vector<int32_t> &out) const;
  /// SentencePiece (Spm.cpp): the tables create() adds; false and
  /// `*error` on failure.
  bool initSpm(std::string *error);
  /// SentencePiece: appends the ids of one text between special tokens
  /// (`offset`: where it starts in the whole text).
  void encodeSpm(std::string_view text, size_t offset, std::vector<int32_t> &out,
                 std::unordered_map<std::string, std::vector<int32_t>> &cache) const;
  /// SentencePiece: appends the ids of one normalized word.
  void encodeSpmWord(std::string_view word, std::vector<int32_t> &out) const;
  std::string decodeSpm(const std::vector<int32_t> &ids, bool skipSpecial) const;
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

  // SentencePiece only.
  bool spm = false;
  int32_t spmUnk = -1;                             ///< unknown characters' token
  bool spmWords = false;                           ///< merges never cross into a "▁" word
  std::vector<int16_t> spmByteOf;                  ///< id -> byte of a <0xNN> token, or -1
  std::unordered_map<uint32_t, int32_t> charId;    ///< one-character tokens by code point
};

/// SentencePiece decoding of one run of byte tokens: its UTF-8 when
/// well-formed, else one U+FFFD per byte (HF's ByteFallback decoder).
void appendByteRun(std::string &out, std::string_view run);

/// Turns ids into text one at a time without ever splitting a UTF-8
/// character: push returns only complete characters and holds back the
/// start of one that the next token may finish. Ill-formed bytes come out
/// as U+FFFD as soon as they are known to be ill-formed, so the
/// concatenation of every push and the final flush equals
/// Tokenizer::decode of all the ids.
///
/// SentencePiece: a run of byte tokens is held until a token that is not a
/// byte token ends it (or flush), since one ill-formed byte turns the whole
/// run into U+FFFDs; the leading space is stripped as decode does.
class StreamDecoder {
public:
  explicit StreamDecoder(const Tokenizer &t, bool skipSpecial = false)
      : tok(t), skipSpecial(skipSpecial), stripLeft(t.stripLeading()) {}
  /// The complete characters that `id` finishes.
  std::string push(int32_t id);
  /// Whatever is held back (a cut-off character becomes U+FFFD); resets.
  std::string flush();
  /// Bytes held back, waiting for the rest of a character.
  size_t pending() const { return held.size(); }

private:
  std::string pushSpm(int32_t id);
  /// Removes the leading spaces decode would strip from `text`.
  std::string strip(std::string text);

  const Tokenizer &tok;
  bool skipSpecial;
  unsigned stripLeft; ///< leading spaces still to strip
  std::string held;
};

} // namespace sinkrt

#endif // SINKRT_TOKENIZER_TOKENIZER_H
