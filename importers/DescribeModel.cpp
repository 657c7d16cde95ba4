//===- DescribeModel.cpp - pick the importer for a path --------------------===//

#include "sinkc/Importers/GgufFile.h"
#include "sinkc/Importers/ModelDescription.h"
#include "sinkc/Importers/Safetensors.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

Expected<sinkc::import::ModelDescription>
sinkc::import::describeModel(StringRef givenPath) {
  // Weights are referenced by path: make it independent of the working folder.
  SmallString<256> path(givenPath);
  if (std::error_code ec = sys::fs::make_absolute(path))
    return createStringError(ec, "%s: %s", givenPath.str().c_str(), ec.message().c_str());
  sys::fs::file_status status;
  if (std::error_code ec = sys::fs::status(path, status))
    return createStringError(ec, "%s: %s", givenPath.str().c_str(), ec.message().c_str());
  if (sys::fs::is_directory(status)) {
    Expected<safetensors::Checkpoint> checkpoint = safetensors::Checkpoint::open(path);
    if (!checkpoint)
      return checkpoint.takeError();
    return describeCheckpoint(*checkpoint);
  }
  // A file: GGUF is recognized by its magic, not its name.
  char magic[4] = {0, 0, 0, 0};
  if (Expected<sys::fs::file_t> fd = sys::fs::openNativeFileForRead(path)) {
    Expected<size_t> read = sys::fs::readNativeFile(*fd, MutableArrayRef<char>(magic, 4));
    sys::fs::closeFile(*fd);
    if (!read)
      return read.takeError();
  } else {
    return fd.takeError();
  }
  if (StringRef(magic, 4) != "GGUF")
    return createStringError(inconvertibleErrorCode(),
                             "%s: not a GGUF file (magic is not 'GGUF') and not a "
                             "folder with config.json and *.safetensors",
                             givenPath.str().c_str());
  Expected<gguf::GgufFile> file = gguf::GgufFile::open(path);
  if (!file)
    return file.takeError();
  return describeGguf(*file);
}

