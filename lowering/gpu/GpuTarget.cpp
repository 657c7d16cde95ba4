//===- GpuTarget.cpp - GPU targets of `sinkc compile --target` ------------===//

#include "GpuTarget.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace sinkc::gpu {

namespace {

// Ampere (A100, A10/RTX 30), Hopper, Blackwell data center and consumer.
const StringRef kCudaChips[] = {"sm_80", "sm_86", "sm_90", "sm_100", "sm_120"};
// MI200, MI300, RDNA3 (RX 7900).
const StringRef kRocmChips[] = {"gfx90a", "gfx942", "gfx1100"};

Error targetError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), "--target: " + message);
}

std::string chipList(Vendor vendor) {
  return join(supportedChips(vendor), ", ");
}

} // namespace

std::string GpuTarget::name() const {
  return (vendor == Vendor::Cuda ? "cuda:" : "rocm:") + chip;
}

ArrayRef<StringRef> supportedChips(Vendor vendor) {
  if (vendor == Vendor::Cuda)
    return kCudaChips;
  return kRocmChips;
}

Expected<TargetList> parseTargets(StringRef spec) {
  TargetList list;
  SmallVector<StringRef> items;
  spec.split(items, ',');
  for (StringRef raw : items) {
    StringRef item = raw.trim();
    if (item.empty())
      return targetError("empty target in '" + spec +
                         "' (expected cpu, cuda:<chip> or rocm:<chip>, comma-separated)");
    if (item == "cpu") {
      if (list.cpu)
        return targetError("'cpu' is named twice");
      list.cpu = true;
      continue;
    }
    auto [vendorName, chip] = item.split(':');
    Vendor vendor;
    if (vendorName == "cuda")
      vendor = Vendor::Cuda;
    else if (vendorName == "rocm")
      vendor = Vendor::Rocm;
    else
      return targetError("unknown target '" + item +
                         "' (expected cpu, cuda:<chip> or rocm:<chip>)");
    if (!is_contained(supportedChips(vendor), chip))
      return targetError("unknown " + vendorName + " chip '" + chip + "' in '" + item +
                         "' (supported: " + chipList(vendor) + ")");
    GpuTarget target{vendor, chip.str()};
    if (is_contained(list.gpus, target))
      return targetError("'" + target.name() + "' is named twice");
    list.gpus.push_back(std::move(target));
  }
  return list;
}

} // namespace sinkc::gpu
