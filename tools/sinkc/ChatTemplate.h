//===- ChatTemplate.h - `sinkc run --chat` prompt formats --------*- C++ -*-===//
//
// A model's chat template is Jinja; like llama.cpp's built-in list, sinkc
// recognizes the family from marker strings in it and renders the prompt
// itself (the Python API renders exact Jinja with jinja2 instead):
//
//   chatml   <|im_start|>        SmolLM, Qwen, many fine-tunes
//   llama3   <|start_header_id|> Llama 3
//   llama2   [INST] + <<SYS>>    Llama 2 chat
//   mistral  [INST]              Mistral / Mixtral instruct
//   gemma    <start_of_turn>     Gemma
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TOOLS_SINKC_CHATTEMPLATE_H
#define SINKC_TOOLS_SINKC_CHATTEMPLATE_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace sinkc::cli {

enum class ChatFamily { ChatML, Llama3, Llama2, Mistral, Gemma };

/// The family of a template string, or none when it is not one of the above.
std::optional<ChatFamily> detectChatFamily(llvm::StringRef chatTemplate);

const char *chatFamilyName(ChatFamily family);

/// One user turn (after an optional system message) and the opening of the
/// assistant's turn. Special tokens are written as text; the tokenizer
/// parses them. BOS is the tokenizer's to add.
std::string renderChat(ChatFamily family, llvm::StringRef system, llvm::StringRef user);

} // namespace sinkc::cli

#endif // SINKC_TOOLS_SINKC_CHATTEMPLATE_H
