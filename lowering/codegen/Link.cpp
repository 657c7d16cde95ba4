//===- Link.cpp - shared object with lld as a library ---------------------===//

#include "Codegen.h"

#include "lld/Common/Driver.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

// The one translation unit that declares lld's ELF driver.
LLD_HAS_DRIVER(elf)

using namespace llvm;

namespace sinkc::codegen {

Error linkSharedObject(ArrayRef<std::string> objectPaths,
                       StringRef outputPath) {
  if (objectPaths.empty())
    return createStringError("no object files to link into '" + outputPath +
                             "'");
  // The temp file sits next to the output so the rename is atomic; creating
  // it also reports an unwritable destination before lld runs.
  SmallString<256> tempPath;
  int fd = -1;
  if (std::error_code ec =
          sys::fs::createUniqueFile(outputPath + ".tmp-%%%%%%%%", fd, tempPath))
    return createStringError("cannot write '" + outputPath +
                             "': " + ec.message());
  sys::Process::SafelyCloseFileDescriptor(fd);

  // No libc, no start files: generated code and ukernels call nothing
  // outside the object. Undefined symbols stay allowed (as for any -shared
  // link) and are resolved by the loader.
  std::vector<const char *> args = {"ld.lld",      "-shared", "--eh-frame-hdr",
                                    "-z",          "now",     "-z",
                                    "noexecstack", "-o",      tempPath.c_str()};
  for (const std::string &path : objectPaths)
    args.push_back(path.c_str());

  std::string out, err;
  raw_string_ostream outStream(out), errStream(err);
  lld::Result result;
  {
    // lld keeps its state in one global context: one link at a time, and
    // none after a link that left it unable to run again.
    static std::mutex mutex;
    static bool broken = false;
    std::lock_guard<std::mutex> lock(mutex);
    if (broken) {
      sys::fs::remove(tempPath);
      return createStringError("lld cannot run again in this process after "
                               "an earlier crash");
    }
    result =
        lld::lldMain(args, outStream, errStream, {{lld::Gnu, &lld::elf::link}});
    broken = !result.canRunAgain;
  }
  if (result.retCode != 0) {
    sys::fs::remove(tempPath);
    return createStringError("linking '" + outputPath +
                             "' failed: " + StringRef(err).trim());
  }
  if (std::error_code ec = sys::fs::rename(tempPath, outputPath)) {
    sys::fs::remove(tempPath);
    return createStringError("cannot write '" + outputPath +
                             "': " + ec.message());
  }
  return Error::success();
}

} // namespace sinkc::codegen
