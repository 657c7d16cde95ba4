//===- PackageWriterSources.cpp - the package writer, built into the tests ===//
//
// The writer (lowering/package) is plain C++ over the shared format header;
// compiling its sources here lets the runtime tests write packages without
// linking the compiler side. Drop this file if the test target ever links
// SinkcPackageWriter itself.
//
//===----------------------------------------------------------------------===//

#include "../../lowering/package/PackageWriter.cpp"
#include "../../lowering/package/TokenizerSection.cpp"
