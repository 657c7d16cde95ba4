//===- ChatTemplate.cpp - `sinkc run --chat` prompt formats ---------------===//

#include "ChatTemplate.h"

using namespace llvm;

namespace sinkc::cli {

std::optional<ChatFamily> detectChatFamily(StringRef t) {
  if (t.contains("<|im_start|>"))
    return ChatFamily::ChatML;
  if (t.contains("<|start_header_id|>"))
    return ChatFamily::Llama3;
  if (t.contains("<start_of_turn>"))
    return ChatFamily::Gemma;
  if (t.contains("[INST]"))
    return t.contains("<<SYS>>") ? ChatFamily::Llama2 : ChatFamily::Mistral;
  return std::nullopt;
}

const char *chatFamilyName(ChatFamily family) {
  switch (family) {
  case ChatFamily::ChatML: return "chatml";
  case ChatFamily::Llama3: return "llama3";
  case ChatFamily::Llama2: return "llama2";
  case ChatFamily::Mistral: return "mistral";
  case ChatFamily::Gemma: return "gemma";
  }
  return "";
}

std::string renderChat(ChatFamily family, StringRef system, StringRef user) {
  std::string out;
  switch (family) {
  case ChatFamily::ChatML:
    if (!system.empty())
      out += "<|im_start|>system\n" + system.str() + "<|im_end|>\n";
    out += "<|im_start|>user\n" + user.str() + "<|im_end|>\n<|im_start|>assistant\n";
    return out;
  case ChatFamily::Llama3:
    if (!system.empty())
      out += "<|start_header_id|>system<|end_header_id|>\n\n" + system.str() + "<|eot_id|>";
    out += "<|start_header_id|>user<|end_header_id|>\n\n" + user.str() +
           "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
    return out;
  case ChatFamily::Llama2:
    out += "[INST] ";
    if (!system.empty())
      out += "<<SYS>>\n" + system.str() + "\n<</SYS>>\n\n";
    out += user.str() + " [/INST]";
    return out;
  case ChatFamily::Mistral: // no system role: it joins the user's turn
    out += "[INST] ";
    if (!system.empty())
      out += system.str() + "\n\n";
    out += user.str() + " [/INST]";
    return out;
  case ChatFamily::Gemma: // no system role either
    out += "<start_of_turn>user\n";
    if (!system.empty())
      out += system.str() + "\n\n";
    out += user.str() + "<end_of_turn>\n<start_of_turn>model\n";
    return out;
  }
  return out;
}

} // namespace sinkc::cli
